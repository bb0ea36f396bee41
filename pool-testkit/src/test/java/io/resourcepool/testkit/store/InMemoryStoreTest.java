package io.resourcepool.testkit.store;

import io.resourcepool.api.spi.store.AuditEvent;
import io.resourcepool.api.spi.store.AuditHead;
import io.resourcepool.api.spi.store.AuditQuery;
import io.resourcepool.api.spi.store.Store;

/** The fake passes the same contract as the real stores. */
class InMemoryStoreTest extends StoreContract {

    @Override
    public Store newStore() {
        return new InMemoryStore();
    }

    @Override
    public AuditTampering tampering(Store open) {
        InMemoryStore store = (InMemoryStore) open;
        return new AuditTampering() {
            @Override
            public void changeDetail(long sequence, String detail) {
                AuditEvent old = store.audit().list(AuditQuery.latest(10_000)).stream()
                        .filter(e -> e.sequence() == sequence).findFirst().orElseThrow().event();
                store.tamperWithAuditRow(sequence, new AuditEvent(old.at(), old.actor(), old.action(), old.target(), old.sourceAddress(), detail));
            }

            @Override
            public void deleteRow(long sequence) {
                store.removeAuditRow(sequence);
            }

            @Override
            public void rewriteHashes(long sequence, String previousHash, String hash) {
                store.rewriteAuditHashes(sequence, previousHash, hash);
            }

            @Override
            public void moveHead(long sequence, String hash) {
                store.moveAuditHead(new AuditHead(sequence, hash));
            }
        };
    }
}
