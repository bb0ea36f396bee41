package io.resourcepool.core.hub;

import io.resourcepool.api.FrameException;
import io.resourcepool.core.protocol.ErrorCode;

/** Maps transport-level frame failures to the error codes the hub answers with. */
final class ProtocolErrors {
    private ProtocolErrors() {}

    static ErrorCode codeOf(FrameException e) {
        return switch (e.reason()) {
            case BAD_MAGIC -> ErrorCode.BAD_MAGIC;
            case TOO_LARGE -> ErrorCode.FRAME_TOO_LARGE;
            case DEADLINE, TRUNCATED -> ErrorCode.FRAME_TIMEOUT;
        };
    }
}
