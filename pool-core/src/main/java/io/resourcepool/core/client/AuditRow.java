package io.resourcepool.core.client;

import io.resourcepool.core.protocol.AuditMessage;
import java.time.Instant;
import java.util.Objects;

/**
 * One row of the hub's audit log, as admins see it.
 *
 * @param sequence its position in the log, from 1
 * @param at when it happened
 * @param actor who did it: a user name, {@code node:NAME}, or {@code hub}
 * @param action what kind of thing happened, for example {@code login.failed}
 * @param target what it was done to, empty when nothing in particular
 * @param sourceAddress where the request came from, empty when not from the network
 * @param detail more words, empty when none
 */
public record AuditRow(long sequence, Instant at, String actor, String action, String target, String sourceAddress, String detail) {
    /** Checks the fields. */
    public AuditRow {
        Objects.requireNonNull(at, "at must be given");
        Objects.requireNonNull(actor, "actor must be given");
        Objects.requireNonNull(action, "action must be given");
        Objects.requireNonNull(target, "target must be given");
        Objects.requireNonNull(sourceAddress, "sourceAddress must be given");
        Objects.requireNonNull(detail, "detail must be given");
    }

    static AuditRow of(AuditMessage.WireAuditEntry e) {
        return new AuditRow(e.seq(), Instant.ofEpochMilli(e.at()), e.actor(), e.action(), e.target(), e.sourceAddress(), e.detail());
    }
}
