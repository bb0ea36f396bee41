package io.resourcepool.api;

/**
 * A frame could not be read: its magic number was wrong, it claimed more bytes than allowed, or it did not
 * arrive whole within the read deadline. The connection is no longer usable after this.
 */
public final class FrameException extends ProtocolException {
    private static final long serialVersionUID = 1L;

    /** Why a frame was refused. */
    public enum Reason {
        /** The first four bytes were not {@code 0xDEADBEEF}. */
        BAD_MAGIC,
        /** The length field was over the configured maximum. */
        TOO_LARGE,
        /** The frame did not arrive whole within the read deadline. */
        DEADLINE,
        /** The stream ended part way through a frame. */
        TRUNCATED
    }

    /** Why the frame was refused (part of the serialized form). */
    private final Reason reason;

    /**
     * Creates the exception.
     *
     * @param reason why the frame was refused
     * @param message a message that names the figures involved
     */
    public FrameException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    /**
     * Says why the frame was refused.
     *
     * @return the reason
     */
    public Reason reason() {
        return reason;
    }
}
