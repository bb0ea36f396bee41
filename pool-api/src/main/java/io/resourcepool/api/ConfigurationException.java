package io.resourcepool.api;

/**
 * A configuration value is missing or invalid, or no single provider matches a configured type.
 * The message names the key or the type, and what was expected.
 */
public class ConfigurationException extends PoolException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what happened and what to do about it; never a secret
     */
    public ConfigurationException(String message) {
        super(message);
    }

    /**
     * Creates the exception with its cause.
     *
     * @param message what happened and what to do about it; never a secret
     * @param cause the underlying failure
     */
    public ConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
