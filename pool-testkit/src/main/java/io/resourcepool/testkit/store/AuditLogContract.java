package io.resourcepool.testkit.store;

import static io.resourcepool.testkit.store.StoreSamples.at;
import static io.resourcepool.testkit.store.StoreSamples.event;
import static org.assertj.core.api.Assertions.assertThat;

import io.resourcepool.api.spi.store.AuditChain;
import io.resourcepool.api.spi.store.AuditEntry;
import io.resourcepool.api.spi.store.AuditEvent;
import io.resourcepool.api.spi.store.AuditLog;
import io.resourcepool.api.spi.store.AuditQuery;
import io.resourcepool.api.spi.store.AuditVerification;
import io.resourcepool.api.spi.store.AuditWitness;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The append-only audit log: numbering, listing, and the hash chain that exposes an edited or removed row. */
public abstract class AuditLogContract extends StoreFixture {

    /**
     * Tests the given implementation.
     *
     * @param subject how to make and tamper with the stores under test
     */
    protected AuditLogContract(StoreUnderTest subject) {
        super(subject);
    }

    private static final javax.crypto.SecretKey KEY = new javax.crypto.spec.SecretKeySpec(new byte[32], "HmacSHA256");

    private AuditLog audit() {
        return store().audit();
    }

    private void appendFive() {
        IntStream.rangeClosed(1, 5).forEach(i -> audit().append(event("alice", "action." + i, at(i))));
    }

    @Test
    void rowsAreNumberedFromOneAndChained() {
        AuditEntry first = audit().append(event("alice", "login.ok", at(1)));
        AuditEntry second = audit().append(event("bob", "login.failed", at(2)));

        assertThat(first.sequence()).isEqualTo(1);
        assertThat(first.previousHash()).isEqualTo(AuditChain.GENESIS);
        assertThat(first.hash()).isEqualTo(AuditChain.unkeyed().hash(1, first.event(), AuditChain.GENESIS));
        assertThat(second.sequence()).isEqualTo(2);
        assertThat(second.previousHash()).isEqualTo(first.hash());
    }

    @Test
    void batchedAppendsKeepOrderAndChain() {
        AuditEntry before = audit().append(event("alice", "login.ok", at(1)));
        List<AuditEntry> batch = audit().appendAll(List.of(event("bob", "job.submitted", at(2)), event("bob", "job.finished", at(3))));

        assertThat(batch).extracting(AuditEntry::sequence).containsExactly(2L, 3L);
        assertThat(batch.get(0).previousHash()).isEqualTo(before.hash());
        assertThat(batch.get(1).previousHash()).isEqualTo(batch.get(0).hash());
        assertThat(audit().list(AuditQuery.latest(10))).containsExactly(batch.get(1), batch.get(0), before);
        assertThat(audit().verify().intact()).isTrue();
        assertThat(audit().appendAll(List.of())).isEmpty();
    }

    @Test
    void rowsAreListedNewestFirstAsWritten() {
        AuditEntry first = audit().append(event("alice", "login.ok", at(1)));
        AuditEntry second = audit().append(new AuditEvent(at(2), "node:gpu-1", "node.enrolled", "", "", "ünïcødé 🚀\nline"));

        assertThat(audit().list(AuditQuery.latest(10))).containsExactly(second, first);
        assertThat(audit().list(AuditQuery.latest(1))).containsExactly(second);
    }

    @Test
    void rowsAreFilteredByActorActionPrefixAndTime() {
        audit().append(event("alice", "login.ok", at(1)));
        audit().append(event("bob", "login.failed", at(2)));
        audit().append(event("alice", "job.submitted", at(3)));
        audit().append(event("alice", "login.failed", at(4)));

        assertThat(actions(new AuditQuery(Optional.of("alice"), Optional.empty(), Optional.empty(), 10)))
                .containsExactly("login.failed", "job.submitted", "login.ok");
        assertThat(actions(new AuditQuery(Optional.empty(), Optional.of("login."), Optional.of(at(2)), 10)))
                .containsExactly("login.failed", "login.failed");
        assertThat(actions(new AuditQuery(Optional.of("alice"), Optional.of("login."), Optional.empty(), 1)))
                .containsExactly("login.failed");
    }

    @Test
    void actionPrefixIsTakenLiterallyAndCaseSensitively() {
        audit().append(event("alice", "login.ok", at(1)));
        audit().append(event("alice", "loginXok", at(2)));
        audit().append(event("alice", "LOGIN.ok", at(3)));
        audit().append(event("alice", "50%_off", at(4)));

        assertThat(actions(new AuditQuery(Optional.empty(), Optional.of("login."), Optional.empty(), 10))).containsExactly("login.ok");
        assertThat(actions(new AuditQuery(Optional.empty(), Optional.of("login_"), Optional.empty(), 10))).isEmpty();
        assertThat(actions(new AuditQuery(Optional.empty(), Optional.of("50%"), Optional.empty(), 10))).containsExactly("50%_off");
        assertThat(actions(new AuditQuery(Optional.of("ALICE"), Optional.empty(), Optional.empty(), 10))).isEmpty();
    }

    @Test
    void emptyLogIsIntact() {
        assertThat(audit().verify()).isEqualTo(AuditVerification.intact(0));
    }

    @Test
    void untouchedLogIsIntact() {
        appendFive();

        assertThat(audit().verify()).isEqualTo(AuditVerification.intact(5));
    }

    @Test
    void editedRowIsNamed() {
        appendFive();

        subject().tampering(store()).changeDetail(3, "nothing to see here");

        AuditVerification verdict = audit().verify();
        assertThat(verdict.intact()).isFalse();
        assertThat(verdict.firstBadRow()).isEqualTo(OptionalLong.of(3));
        assertThat(verdict.rowsChecked()).isEqualTo(2);
    }

    @Test
    void removedRowIsNamed() {
        appendFive();

        subject().tampering(store()).deleteRow(2);

        AuditVerification verdict = audit().verify();
        assertThat(verdict.intact()).isFalse();
        assertThat(verdict.firstBadRow()).isEqualTo(OptionalLong.of(2));
    }

    @Test
    void removedNewestRowIsNoticed() {
        appendFive();

        subject().tampering(store()).deleteRow(5);

        AuditVerification verdict = audit().verify();
        assertThat(verdict.intact()).isFalse();
        assertThat(verdict.firstBadRow()).isEqualTo(OptionalLong.of(5));
    }

    @Test
    void appendAfterARemovedRowDoesNotReuseItsNumber() {
        appendFive();
        subject().tampering(store()).deleteRow(5);

        AuditEntry next = audit().append(event("alice", "after", at(9)));

        assertThat(next.sequence()).isEqualTo(6);
        assertThat(audit().verify().firstBadRow()).isEqualTo(OptionalLong.of(5));
    }

    @Test
    void keyedRowsAreNotPlainHashesAndVerify() {
        audit().useChain(AuditChain.keyed(KEY, 1));
        AuditEntry first = audit().append(event("alice", "login.ok", at(1)));

        assertThat(first.hash()).isNotEqualTo(AuditChain.unkeyed().hash(1, first.event(), AuditChain.GENESIS));
        assertThat(audit().verify()).isEqualTo(AuditVerification.intact(1));
    }

    @Test
    void rowsFromBeforeTheKeyStillVerify() {
        appendTwoThenThreeKeyed();

        assertThat(audit().verify()).isEqualTo(AuditVerification.intact(5));
    }

    @Test
    void keyedRowRewrittenConsistentlyWithoutTheKeyIsNamed() {
        appendTwoThenThreeKeyed();
        AuditEntry edited = entry(4);
        AuditEvent forged = withDetail(edited.event(), "nothing to see here");

        subject().tampering(store()).changeDetail(4, forged.detail());
        rewriteUnkeyedFrom(4, forged);

        AuditVerification verdict = audit().verify();
        assertThat(verdict.intact()).isFalse();
        assertThat(verdict.firstBadRow()).isEqualTo(OptionalLong.of(4));
    }

    @Test
    void rowBeforeTheKeyRewrittenConsistentlyIsNamedAtTheFirstKeyedRow() {
        appendTwoThenThreeKeyed();
        AuditEntry edited = entry(1);
        AuditEvent forged = withDetail(edited.event(), "nothing to see here");
        subject().tampering(store()).changeDetail(1, forged.detail());
        String hash1 = AuditChain.unkeyed().hash(1, forged, AuditChain.GENESIS);
        subject().tampering(store()).rewriteHashes(1, AuditChain.GENESIS, hash1);
        AuditEntry second = entry(2);
        subject().tampering(store()).rewriteHashes(2, hash1, AuditChain.unkeyed().hash(2, second.event(), hash1));

        AuditVerification verdict = audit().verify();
        assertThat(verdict.firstBadRow()).isEqualTo(OptionalLong.of(3));
    }

    @Test
    void verificationShowsEveryIntactRowToTheWitnessThenItsEnd() {
        appendFive();
        List<Long> seen = new java.util.ArrayList<>();
        AuditWitness outside = new AuditWitness() {
            @Override
            public Optional<String> check(AuditEntry row) {
                seen.add(row.sequence());
                return row.sequence() == 4 ? Optional.of("row 4 disagrees with a checkpoint") : Optional.empty();
            }

            @Override
            public Optional<AuditVerification> end(long lastRow) {
                throw new AssertionError("not reached: row 4 disagreed");
            }
        };

        AuditVerification verdict = audit().verify(outside);

        assertThat(seen).containsExactly(1L, 2L, 3L, 4L);
        assertThat(verdict.firstBadRow()).isEqualTo(OptionalLong.of(4));
        assertThat(verdict.problem()).isEqualTo("row 4 disagrees with a checkpoint");
    }

    @Test
    void newestRowsRemovedWithTheHeadMovedBackAreLeftToTheWitness() {
        appendFive();
        AuditEntry third = entry(3);
        subject().tampering(store()).deleteRow(5);
        subject().tampering(store()).deleteRow(4);
        subject().tampering(store()).moveHead(3, third.hash());
        AuditWitness sawFive = new AuditWitness() {
            @Override
            public Optional<String> check(AuditEntry row) {
                return Optional.empty();
            }

            @Override
            public Optional<AuditVerification> end(long lastRow) {
                return lastRow < 5 ? Optional.of(AuditVerification.broken(lastRow, lastRow + 1, "a checkpoint saw row 5")) : Optional.empty();
            }
        };

        assertThat(audit().verify().intact()).as("the chain alone cannot tell").isTrue();
        assertThat(audit().verify(sawFive).firstBadRow()).isEqualTo(OptionalLong.of(4));
    }

    private void appendTwoThenThreeKeyed() {
        audit().append(event("alice", "action.1", at(1)));
        audit().append(event("alice", "action.2", at(2)));
        audit().useChain(AuditChain.keyed(KEY, 3));
        IntStream.rangeClosed(3, 5).forEach(i -> audit().append(event("alice", "action." + i, at(i))));
    }

    private static AuditEvent withDetail(AuditEvent e, String detail) {
        return new AuditEvent(e.at(), e.actor(), e.action(), e.target(), e.sourceAddress(), detail);
    }

    private AuditEntry entry(long sequence) {
        return audit().list(AuditQuery.latest(100)).stream().filter(e -> e.sequence() == sequence).findFirst().orElseThrow();
    }

    /** Recomputes the chain from one row on with plain SHA-256, as an intruder without the key can. */
    private void rewriteUnkeyedFrom(long from, AuditEvent forged) {
        String previous = entry(from).previousHash();
        long last = audit().list(AuditQuery.latest(1)).getFirst().sequence();
        for (long seq = from; seq <= last; seq++) {
            AuditEvent event = seq == from ? forged : entry(seq).event();
            String hash = AuditChain.unkeyed().hash(seq, event, previous);
            subject().tampering(store()).rewriteHashes(seq, previous, hash);
            previous = hash;
        }
        subject().tampering(store()).moveHead(last, previous);
    }

    private List<String> actions(AuditQuery query) {
        return audit().list(query).stream().map(e -> e.event().action()).toList();
    }
}
