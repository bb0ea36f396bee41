package io.resourcepool.api.spi.sandbox;

/** Which stream output came from. */
public enum OutputChannel {
    /** Standard output. */
    STDOUT,
    /** Standard error. */
    STDERR
}
