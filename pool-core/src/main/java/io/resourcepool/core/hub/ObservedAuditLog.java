package io.resourcepool.core.hub;

import io.resourcepool.api.spi.store.AuditChain;
import io.resourcepool.api.spi.store.AuditEntry;
import io.resourcepool.api.spi.store.AuditEvent;
import io.resourcepool.api.spi.store.AuditLog;
import io.resourcepool.api.spi.store.AuditQuery;
import io.resourcepool.api.spi.store.AuditVerification;
import io.resourcepool.api.spi.store.AuditWitness;
import java.util.List;

/** The store's audit log, telling the hub's observer of each row once it is written. */
final class ObservedAuditLog implements AuditLog {
    private final AuditLog log;
    private final HubObserver observer;

    ObservedAuditLog(AuditLog log, HubObserver observer) {
        this.log = log;
        this.observer = observer;
    }

    @Override
    public AuditEntry append(AuditEvent event) {
        AuditEntry entry = log.append(event);
        observer.audited(event);
        return entry;
    }

    @Override
    public List<AuditEntry> appendAll(List<AuditEvent> events) {
        List<AuditEntry> entries = log.appendAll(events);
        events.forEach(observer::audited);
        return entries;
    }

    @Override
    public List<AuditEntry> list(AuditQuery query) {
        return log.list(query);
    }

    @Override
    public AuditVerification verify(AuditWitness witness) {
        return log.verify(witness);
    }

    @Override
    public void useChain(AuditChain chain) {
        log.useChain(chain);
    }
}
