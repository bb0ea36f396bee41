package io.resourcepool.api.spi.store;

/**
 * The hub's durable state. Obtain one from a {@link StoreProvider}, call {@link #open()} once, use the
 * facets from any thread, then {@link #close()}.
 */
public interface Store extends AutoCloseable {

    /**
     * Connects, and brings the schema up to date by running the forward-only migrations this code knows.
     *
     * @throws io.resourcepool.api.StoreException when the database cannot be reached or opened, or its schema
     *     is newer than this code; the message says what to do and holds no secret
     */
    void open();

    /**
     * Users, lockout and sessions.
     *
     * @return the facet
     */
    CredentialStore credentials();

    /**
     * Join tokens and nodes.
     *
     * @return the facet
     */
    NodeStore nodes();

    /**
     * Jobs.
     *
     * @return the facet
     */
    JobStore jobs();

    /**
     * The audit log.
     *
     * @return the facet
     */
    AuditLog audit();

    /**
     * A one-line description for logs, without secrets: for example {@code sqlite /var/lib/pool/pool.db}.
     *
     * @return the description
     */
    String describe();

    /** Releases connections and files. Idempotent. */
    @Override
    void close();
}
