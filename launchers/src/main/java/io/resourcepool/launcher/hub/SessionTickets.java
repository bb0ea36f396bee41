package io.resourcepool.launcher.hub;

/**
 * The hub sends its TLS 1.3 peers no session tickets: {@code jdk.tls.server.newSessionTicketCount} is 0 in the hub's
 * process unless it is set on the command line. Each peer's every connection then makes a full handshake, in which
 * the trust manager checks its certificate again; nothing in the pool depends on resuming a session, and a ticket
 * made by one hub process is of no use to the next one. The JDK's TLS also keeps the ticket it sent in the
 * connection's handshake transcript for as long as the connection lives: some 0.9 KiB for each connected worker
 * (README.md, "Fleet").
 *
 * <p>The JDK reads the property once, when its TLS classes first load, so it is set before the hub makes any TLS
 * context; set later, it has no effect.
 */
final class SessionTickets {
    /** The JDK's system property: how many tickets a TLS 1.3 server sends after each handshake (0 to 10, default 1). */
    static final String PROPERTY = "jdk.tls.server.newSessionTicketCount";

    private SessionTickets() {}

    /** Sets the property to 0 unless it has a value already. */
    static void none() {
        if (System.getProperty(PROPERTY) == null) {
            System.setProperty(PROPERTY, "0");
        }
    }
}
