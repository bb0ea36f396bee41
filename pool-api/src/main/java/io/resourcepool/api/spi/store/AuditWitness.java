package io.resourcepool.api.spi.store;

import java.util.Optional;

/**
 * A record of the audit log kept outside the database (signed checkpoints of the head, daily roots), which
 * {@link AuditChain#verify(java.util.Iterator, Optional, AuditWitness)} consults row by row. One witness serves
 * one verification: it may keep state between calls. Implementations never throw for a disagreement; they
 * describe it.
 */
public interface AuditWitness {
    /** A witness that knows nothing, so only the chain and the recorded head are checked. */
    AuditWitness NONE = new AuditWitness() {
        @Override
        public Optional<String> check(AuditEntry row) {
            return Optional.empty();
        }

        @Override
        public Optional<AuditVerification> end(long lastRow) {
            return Optional.empty();
        }
    };

    /**
     * Checks one row the chain found intact.
     *
     * @param row the row, in ascending order
     * @return what disagrees with the outside record, empty when nothing does
     */
    Optional<String> check(AuditEntry row);

    /**
     * Checks what the outside record says about rows after the last one found: that none it saw is missing.
     *
     * @param lastRow the last row found intact, 0 for an empty log
     * @return the verdict when the outside record disagrees, empty when it agrees
     */
    Optional<AuditVerification> end(long lastRow);
}
