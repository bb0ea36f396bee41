package io.resourcepool.testkit.store;

import io.resourcepool.api.spi.store.AuditChain;
import io.resourcepool.api.spi.store.AuditEntry;
import io.resourcepool.api.spi.store.AuditEvent;
import io.resourcepool.api.spi.store.AuditHead;
import io.resourcepool.api.spi.store.AuditLog;
import io.resourcepool.api.spi.store.AuditQuery;
import io.resourcepool.api.spi.store.AuditVerification;
import io.resourcepool.api.spi.store.AuditWitness;
import java.util.List;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/** The audit rows in sequence order plus the separately recorded head, as a real store keeps them. */
final class InMemoryAuditLog extends LockedFacet implements AuditLog {
    private final NavigableMap<Long, AuditEntry> rows = new TreeMap<>();
    private Optional<AuditHead> head = Optional.empty();
    private AuditChain chain = AuditChain.unkeyed();

    InMemoryAuditLog(OpenState state) {
        super(state);
    }

    @Override
    public AuditEntry append(AuditEvent event) {
        Objects.requireNonNull(event, "event must be given");
        return locked(() -> {
            // Chained from the recorded head, not from the rows, as a real store does: a removed row must not
            // make the next append reuse its number.
            long sequence = head.map(h -> h.sequence() + 1).orElse(1L);
            String previousHash = head.map(AuditHead::hash).orElse(AuditChain.GENESIS);
            AuditEntry entry = new AuditEntry(sequence, event, previousHash, chain.hash(sequence, event, previousHash));
            rows.put(entry.sequence(), entry);
            head = Optional.of(new AuditHead(entry.sequence(), entry.hash()));
            return entry;
        });
    }

    @Override
    public List<AuditEntry> list(AuditQuery query) {
        Objects.requireNonNull(query, "query must be given");
        return locked(() -> rows.descendingMap().values().stream()
                .filter(e -> query.actor().map(a -> a.equals(e.event().actor())).orElse(true))
                .filter(e -> query.actionPrefix().map(p -> e.event().action().startsWith(p)).orElse(true))
                .filter(e -> query.since().map(s -> !e.event().at().isBefore(s)).orElse(true))
                .limit(query.limit())
                .toList());
    }

    @Override
    public AuditVerification verify(AuditWitness witness) {
        Objects.requireNonNull(witness, "witness must be given");
        return locked(() -> chain.verify(List.copyOf(rows.values()).iterator(), head, witness));
    }

    @Override
    public void useChain(AuditChain newChain) {
        Objects.requireNonNull(newChain, "chain must be given");
        lockedEvenIfClosed(() -> chain = newChain);
    }

    boolean tamper(long sequence, AuditEvent event) {
        return lockedEvenIfClosed(() -> rows.computeIfPresent(sequence,
                (k, e) -> new AuditEntry(e.sequence(), event, e.previousHash(), e.hash())) != null);
    }

    boolean rewrite(long sequence, String previousHash, String hash) {
        return lockedEvenIfClosed(() -> rows.computeIfPresent(sequence,
                (k, e) -> new AuditEntry(e.sequence(), e.event(), previousHash, hash)) != null);
    }

    void moveHead(AuditHead newHead) {
        lockedEvenIfClosed(() -> head = Optional.of(newHead));
    }

    boolean remove(long sequence) {
        return lockedEvenIfClosed(() -> rows.remove(sequence) != null);
    }
}
