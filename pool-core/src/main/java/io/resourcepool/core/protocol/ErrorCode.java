package io.resourcepool.core.protocol;

/** The codes an ERROR message carries. */
public enum ErrorCode {
    /** The frame's magic number was wrong. */
    BAD_MAGIC,
    /** The frame claimed more bytes than the hub accepts. */
    FRAME_TOO_LARGE,
    /** The frame did not arrive whole in time. */
    FRAME_TIMEOUT,
    /** The payload type is not one of the protocol's. */
    UNKNOWN_TYPE,
    /** The payload is not a valid message of its type. */
    MALFORMED,
    /** The message is not allowed at this point of the conversation. */
    NOT_ALLOWED,
    /** The peer speaks a protocol version the hub does not. */
    UNSUPPORTED_VERSION,
    /** The request needs a logged-in session. */
    AUTH_REQUIRED,
    /** The caller lacks the role or ownership needed. */
    PERMISSION_DENIED,
    /** What was asked for does not exist. */
    NOT_FOUND,
    /** The request is valid in form but not in content. */
    BAD_REQUEST,
    /** The hub is busy; retry later. */
    BUSY,
    /**
     * This follower of a job's output read more slowly than the job wrote, and was dropped once its buffer on the
     * hub was full; the job runs on, and can be followed again. Sent for the RUN or FOLLOW that asked, instead of
     * the rest of its output and its RESULT.
     */
    OUTPUT_DROPPED,
    /** Something failed on the hub; the hub's log says more. */
    INTERNAL
}
