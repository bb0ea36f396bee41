package io.resourcepool.api.spi.store;

import java.util.Objects;

/**
 * The last row of the audit log, recorded by the store apart from the rows themselves so that removing the
 * newest rows is detected.
 *
 * @param sequence the last sequence number
 * @param hash its hash
 */
public record AuditHead(long sequence, String hash) {
    /** Checks the fields. */
    public AuditHead {
        Objects.requireNonNull(hash, "hash must be given");
    }
}
