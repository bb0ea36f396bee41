package io.resourcepool.core.protocol;

import io.resourcepool.api.ProtocolException;

/** A frame that is not a valid message; carries the error code the hub answers with. */
public final class BadMessageException extends ProtocolException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;

    /**
     * Creates the exception.
     *
     * @param code the code to answer with
     * @param message what is wrong, naming the field
     */
    public BadMessageException(ErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    /**
     * The code to answer with.
     *
     * @return the code
     */
    public ErrorCode code() {
        return code;
    }
}
