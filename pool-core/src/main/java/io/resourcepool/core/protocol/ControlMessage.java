package io.resourcepool.core.protocol;

/** Liveness, generic success, and errors. */
public sealed interface ControlMessage extends Message {

    /**
     * Are you there?
     *
     * @param requestId the request id
     */
    record Ping(long requestId) implements ControlMessage, Request {
        /** Checks the fields. */
        public Ping {
            WireLimits.requestId(requestId);
        }
    }

    /**
     * Yes.
     *
     * @param requestId the id of the PING
     */
    record Pong(long requestId) implements ControlMessage {}

    /**
     * A request with nothing more to say succeeded.
     *
     * @param requestId the id of the request
     */
    record Ok(long requestId) implements ControlMessage {}

    /**
     * A request failed, or the connection is being closed for a protocol error.
     *
     * @param requestId the id of the request at fault, 0 when none
     * @param code a stable machine-readable code
     * @param message what happened and what to do; never a secret
     * @param retryAfterMillis for BUSY, when to try again; otherwise 0
     */
    record Error(long requestId, String code, String message, long retryAfterMillis) implements ControlMessage {
        /** Checks the fields. */
        public Error {
            WireLimits.text(code, "code", WireLimits.NAME_CHARS);
            WireLimits.text(message, "message", WireLimits.TEXT_CHARS);
        }

        /**
         * An error with no retry advice.
         *
         * @param requestId the request at fault, 0 when none
         * @param code the code
         * @param message the message
         * @return the error
         */
        public static Error of(long requestId, ErrorCode code, String message) {
            return new Error(requestId, code.name(), message, 0);
        }
    }
}
