package io.resourcepool.launcher.client;

import io.resourcepool.core.client.AuditRow;

/**
 * One audit row as {@code pool admin audit --output json} writes it: the HTTP API has no audit listing, so this is
 * the one shape for it, in the API's habits (camelCase, times as ISO-8601 UTC text). docs/CLI.md describes it.
 *
 * @param sequence the row's place in the hash chain, from 1
 * @param at when it happened
 * @param actor who did it
 * @param action what was done, e.g. {@code login.ok}
 * @param target what it was done to
 * @param sourceAddress where the request came from
 * @param detail more about it, never a secret
 */
record AuditEntry(long sequence, String at, String actor, String action, String target, String sourceAddress, String detail) {
    static AuditEntry of(AuditRow r) {
        return new AuditEntry(r.sequence(), r.at().toString(), r.actor(), r.action(), r.target(), r.sourceAddress(), r.detail());
    }
}
