package io.resourcepool.store.sqlite;

import static io.resourcepool.testkit.store.StoreSamples.at;
import static io.resourcepool.testkit.store.StoreSamples.event;
import static io.resourcepool.testkit.store.StoreSamples.richResources;
import static io.resourcepool.testkit.store.StoreSamples.richSpec;
import static io.resourcepool.testkit.store.StoreSamples.user;
import static org.assertj.core.api.Assertions.assertThat;

import io.resourcepool.api.JobId;
import io.resourcepool.api.JobState;
import io.resourcepool.api.NodeId;
import io.resourcepool.api.spi.store.AuditQuery;
import io.resourcepool.api.spi.store.AuditVerification;
import io.resourcepool.api.spi.store.JobRecord;
import io.resourcepool.api.spi.store.NodeRecord;
import io.resourcepool.testkit.store.StoreSamples;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What one store wrote, another store opened later on the same file finds, and an edit by hand shows. */
class SqliteDurabilityTest {
    private static final NodeId NODE = NodeId.of("gpu-1");

    @TempDir
    Path directory;

    private SqliteStore storeOnFile() {
        SqliteStore store = new SqliteStore(SqliteStoreConfig.inDirectory(directory));
        store.open();
        return store;
    }

    @Test
    void everythingWrittenIsFoundAfterReopeningTheFile() {
        List<JobRecord> jobs = IntStream.range(0, 3).mapToObj(i -> JobRecord.queued(JobId.random(), richSpec(), "alice", at(i))).toList();
        NodeRecord node;
        try (SqliteStore store = storeOnFile()) {
            store.credentials().createUser(user("alice"));
            store.credentials().createUser(user("bob"));
            store.nodes().saveEnrolment(NodeRecord.enrolled(NODE, "gpu-1.example.org", "abcd", at(1)));
            store.nodes().setLabels(NODE, Map.of("gpu", "a100"));
            store.nodes().recordHeartbeat(NODE, at(2), richResources());
            node = store.nodes().findNode(NODE).orElseThrow();
            store.jobs().createAll(jobs);
            store.jobs().markRunning(jobs.get(0).id(), 1, NODE, at(10));
            store.jobs().finish(jobs.get(1).id(), StoreSamples.outcome(1, JobState.CANCELLED, Optional.empty(), at(11)));
            store.audit().append(event("alice", "job.submitted", at(3)));
        }

        try (SqliteStore reopened = storeOnFile()) {
            assertThat(reopened.credentials().listUsers()).containsExactly(user("alice"), user("bob"));
            assertThat(reopened.nodes().findNode(NODE)).contains(node);
            JobRecord running = reopened.jobs().find(jobs.get(0).id()).orElseThrow();
            assertThat(running.state()).isEqualTo(JobState.RUNNING);
            assertThat(running.node()).contains(NODE);
            assertThat(running.spec()).isEqualTo(richSpec());
            assertThat(reopened.jobs().find(jobs.get(1).id()).orElseThrow().state()).isEqualTo(JobState.CANCELLED);
            assertThat(reopened.jobs().find(jobs.get(2).id())).contains(jobs.get(2));
            assertThat(reopened.audit().verify()).isEqualTo(AuditVerification.intact(1));
        }
    }

    @Test
    void auditRowEditedByHandWhileTheHubWasDownIsNamed() {
        try (SqliteStore store = storeOnFile()) {
            IntStream.rangeClosed(1, 4).forEach(i -> store.audit().append(event("alice", "login.ok", at(i))));
        }

        new SqliteFile(directory.resolve("pool.db")).execute("UPDATE audit_log SET actor = 'mallory' WHERE seq = 2");

        try (SqliteStore reopened = storeOnFile()) {
            AuditVerification verdict = reopened.audit().verify();
            assertThat(verdict.intact()).isFalse();
            assertThat(verdict.firstBadRow()).isEqualTo(OptionalLong.of(2));
            assertThat(verdict.problem()).contains("row 2");
        }
    }

    @Test
    void auditRowDeletedByHandWhileTheHubWasDownIsNamed() {
        try (SqliteStore store = storeOnFile()) {
            IntStream.rangeClosed(1, 4).forEach(i -> store.audit().append(event("alice", "login.ok", at(i))));
        }

        new SqliteFile(directory.resolve("pool.db")).execute("DELETE FROM audit_log WHERE seq = 3");

        try (SqliteStore reopened = storeOnFile()) {
            assertThat(reopened.audit().verify().firstBadRow()).isEqualTo(OptionalLong.of(3));
            assertThat(reopened.audit().list(AuditQuery.latest(10))).hasSize(3);
        }
    }

    @Test
    void auditRowMadeTooLongToReadIsNamedRatherThanBreakingVerify() {
        try (SqliteStore store = storeOnFile()) {
            IntStream.rangeClosed(1, 3).forEach(i -> store.audit().append(event("alice", "login.ok", at(i))));
        }

        new SqliteFile(directory.resolve("pool.db")).execute("UPDATE audit_log SET detail = printf('%.3000c', 'x') WHERE seq = 2");

        try (SqliteStore reopened = storeOnFile()) {
            AuditVerification verdict = reopened.audit().verify();
            assertThat(verdict.firstBadRow()).isEqualTo(OptionalLong.of(2));
            assertThat(verdict.problem()).contains("row 2 was changed");
        }
    }
}
