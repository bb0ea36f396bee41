package io.resourcepool.core.auth;

import io.resourcepool.api.spi.store.AuditEvent;
import io.resourcepool.api.spi.store.AuditLog;
import java.time.InstantSource;

/**
 * Writes this package's audit rows. Fields are cut to fit, so that an over-long value typed by a stranger can
 * never make an audit write, and with it a login, fail. Callers never pass a secret.
 */
final class AuditRecorder {
    private static final int MAX_SOURCE_CHARS = 200;
    private static final int MAX_DETAIL_CHARS = 500;

    private final AuditLog log;
    private final InstantSource clock;

    AuditRecorder(AuditLog log, InstantSource clock) {
        this.log = log;
        this.clock = clock;
    }

    /**
     * Appends one row.
     *
     * @param actor who acted (a name as typed is cut to 64 characters)
     * @param action for example {@code login.failed}
     * @param target what it was done to, empty when nothing in particular
     * @param sourceAddress where it came from, empty when not from the network
     * @param detail why, or more words; never a secret
     */
    void record(String actor, String action, String target, String sourceAddress, String detail) {
        log.append(new AuditEvent(clock.instant(), UsernamePolicy.shown(actor), action, UsernamePolicy.shown(target),
                cut(sourceAddress, MAX_SOURCE_CHARS), cut(detail, MAX_DETAIL_CHARS)));
    }

    /**
     * Appends one row for an administrative action.
     *
     * @param actor who acted, and from where
     * @param action for example {@code user.created}
     * @param target what it was done to
     * @param detail more words; never a secret
     */
    void record(Actor actor, String action, String target, String detail) {
        record(actor.name(), action, target, actor.sourceAddress(), detail);
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}
