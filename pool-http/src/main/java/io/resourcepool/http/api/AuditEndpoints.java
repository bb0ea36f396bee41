package io.resourcepool.http.api;

import io.resourcepool.api.spi.store.AuditVerification;
import io.resourcepool.core.client.AuditRow;
import io.resourcepool.core.protocol.AuditMessage;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The audit log, for admins (the hub refuses anyone else): search it by actor, action and time, newest first, and
 * check its hash chain (the check is itself audited as {@code audit.verified}).
 */
final class AuditEndpoints {
    static final Set<String> SEARCH_PARAMETERS = Set.of("actor", "action", "since", "limit");
    private static final int DEFAULT_LIMIT = 100;

    private final HubDoor hub;

    AuditEndpoints(HubDoor hub) {
        this.hub = hub;
    }

    Answer search(ApiCall call) {
        String actor = call.query("actor").orElse("");
        String action = call.query("action").orElse("");
        Optional<Instant> since = call.query("since").map(HistoryEndpoint::instant);
        int limit = call.queryWhole("limit", 1, AuditMessage.MAX_ROWS).orElse(DEFAULT_LIMIT);
        List<Entry> entries = hub.operations(call).admin().audit(actor, action, since, limit).stream().map(Entry::of).toList();
        return Answer.ok(Map.of("entries", entries));
    }

    Answer verify(ApiCall call) {
        AuditVerification verdict = hub.operations(call).admin().verifyAudit();
        Optional<Long> firstBad = verdict.firstBadRow().isPresent() ? Optional.of(verdict.firstBadRow().getAsLong()) : Optional.empty();
        return Answer.ok(new Verdict(verdict.intact(), verdict.rowsChecked(), firstBad, verdict.problem()));
    }

    /** One audit row as the API shows it. */
    record Entry(long sequence, String at, String actor, String action, String target, String sourceAddress, String detail) {
        static Entry of(AuditRow r) {
            return new Entry(r.sequence(), r.at().toString(), r.actor(), r.action(), r.target(), r.sourceAddress(), r.detail());
        }
    }

    /** The chain check: intact, or the first row at fault and why. */
    record Verdict(boolean intact, long rowsChecked, Optional<Long> firstBadRow, String problem) {}
}
