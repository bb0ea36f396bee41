package io.resourcepool.api.spi.store;

import java.time.Instant;
import java.util.Objects;

/**
 * Something that happened and must be on the record. Never put a secret in any field.
 *
 * @param at when it happened
 * @param actor who did it: a user name, {@code node:NAME}, or {@code hub}
 * @param action what kind of thing happened, for example {@code login.failed} or {@code job.submitted}
 * @param target what it was done to, empty when nothing in particular
 * @param sourceAddress where the request came from, empty when not from the network
 * @param detail more words, empty when none
 */
public record AuditEvent(Instant at, String actor, String action, String target, String sourceAddress, String detail) {
    /** The longest text kept in any one field. */
    public static final int MAX_FIELD_CHARS = 2000;

    /** Checks the fields. */
    public AuditEvent {
        Objects.requireNonNull(at, "at must be given");
        check(actor, "actor");
        check(action, "action");
        check(target, "target");
        check(sourceAddress, "sourceAddress");
        check(detail, "detail");
        if (action.isBlank()) {
            throw new IllegalArgumentException("action must not be blank");
        }
    }

    private static void check(String value, String field) {
        Objects.requireNonNull(value, () -> field + " must be given (empty when none)");
        if (value.length() > MAX_FIELD_CHARS) {
            throw new IllegalArgumentException(field + " is " + value.length() + " characters; at most " + MAX_FIELD_CHARS + " are kept");
        }
    }
}
