package io.resourcepool.transport.tls;

/** Whether a listening side asks connecting clients for a certificate. */
public enum ClientAuth {
    /** Ask for none: every client is anonymous at the TLS level. */
    NONE,
    /**
     * Ask for one but accept a client without: people log in by password while workers present their
     * certificate. A certificate that is presented must still verify, or the handshake fails.
     */
    WANT,
    /** Refuse a client without a valid certificate. */
    NEED
}
