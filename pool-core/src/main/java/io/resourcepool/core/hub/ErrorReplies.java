package io.resourcepool.core.hub;

import io.resourcepool.api.AuthenticationException;
import io.resourcepool.api.BusyException;
import io.resourcepool.api.NotFoundException;
import io.resourcepool.api.PermissionDeniedException;
import io.resourcepool.api.StoreUnavailableException;
import io.resourcepool.core.protocol.ErrorCode;

/** Turns a refused request's exception into the ERROR answer for it; hub failures never show their details. */
final class ErrorReplies {
    private ErrorReplies() {}

    record Reply(ErrorCode code, String message, long retryAfterMillis) {}

    static Reply of(RuntimeException e) {
        return switch (e) {
            case AuthenticationException a -> new Reply(ErrorCode.AUTH_REQUIRED, a.getMessage(), 0);
            case PermissionDeniedException p -> new Reply(ErrorCode.PERMISSION_DENIED, p.getMessage(), 0);
            case NotFoundException n -> new Reply(ErrorCode.NOT_FOUND, n.getMessage(), 0);
            case BusyException b -> new Reply(ErrorCode.BUSY, b.getMessage(), b.retryAfter().toMillis());
            // the store being away is no secret of the hub's, and the caller can do something about it: wait
            case StoreUnavailableException s -> new Reply(ErrorCode.BUSY, s.getMessage(), s.retryAfter().toMillis());
            case IllegalArgumentException i -> new Reply(ErrorCode.BAD_REQUEST, i.getMessage(), 0);
            default -> new Reply(ErrorCode.INTERNAL, "the hub could not complete the request; its log has the details", 0);
        };
    }
}
