package io.resourcepool.core.client;

import io.resourcepool.api.AuthenticationException;
import io.resourcepool.api.BusyException;
import io.resourcepool.api.NotFoundException;
import io.resourcepool.api.PermissionDeniedException;
import io.resourcepool.api.PoolException;
import io.resourcepool.api.ProtocolException;
import io.resourcepool.core.protocol.ControlMessage;
import io.resourcepool.core.protocol.ErrorCode;
import java.time.Duration;
import java.util.Arrays;

/**
 * Turns the hub's ERROR answers into the API's exceptions, by what the caller can do about them: for a
 * {@link PoolClient}, and for the hub's typed door, so that both doors refuse with the same exceptions.
 */
public final class RemoteErrors {
    private RemoteErrors() {}

    /**
     * The exception for an ERROR answer.
     *
     * @param error the answer
     * @return the exception to throw
     */
    public static PoolException toException(ControlMessage.Error error) {
        String message = error.message();
        ErrorCode code = Arrays.stream(ErrorCode.values()).filter(c -> c.name().equals(error.code())).findFirst().orElse(ErrorCode.INTERNAL);
        return switch (code) {
            case AUTH_REQUIRED -> new AuthenticationException(message);
            case PERMISSION_DENIED -> new PermissionDeniedException(message);
            case NOT_FOUND -> new NotFoundException(message);
            case BUSY -> new BusyException(message, Duration.ofMillis(Math.max(0, error.retryAfterMillis())));
            case BAD_MAGIC, FRAME_TOO_LARGE, FRAME_TIMEOUT, UNKNOWN_TYPE, MALFORMED, NOT_ALLOWED, UNSUPPORTED_VERSION ->
                    new ProtocolException("the hub refused the request (" + code + "): " + message);
            case BAD_REQUEST -> new RequestRefusedException(message);
            case OUTPUT_DROPPED -> new OutputDroppedException(message);
            case INTERNAL -> new PoolException("the hub failed: " + message);
        };
    }
}
