package io.resourcepool.core.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.resourcepool.api.JobId;
import io.resourcepool.api.JobSpec;
import io.resourcepool.api.JobState;
import io.resourcepool.api.PoolException;
import io.resourcepool.api.StoreException;
import io.resourcepool.api.spi.store.ForwardingStore;
import io.resourcepool.api.spi.store.JobQuery;
import io.resourcepool.api.spi.store.JobRecord;
import io.resourcepool.api.spi.store.JournalGroup;
import io.resourcepool.core.client.PoolClient;
import io.resourcepool.testkit.store.InMemoryStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A database that goes away while committing cannot say whether it committed. A submission whose storing failed so
 * is refused to its submitter, and then: kept by the store after all, it runs as submitted (as a hub restarting on
 * that store would run it), never stays QUEUED for ever; kept started on a node, whose worker was never told, it
 * runs as its next attempt; not kept, it is forgotten. Everyone else is served throughout.
 */
class UnconfirmedSubmissionTest {
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    /** The in-memory store, whose next job group can be made to fail after it was kept, or instead of being kept. */
    private static final class FailingCommits extends ForwardingStore {
        volatile boolean keepThenFail;
        volatile boolean failWithoutKeeping;

        FailingCommits(InMemoryStore inner) {
            super(inner);
        }

        @Override
        public Set<JobId> record(JournalGroup group) {
            if (group.creates().isEmpty()) {
                return super.record(group);
            }
            if (failWithoutKeeping) {
                failWithoutKeeping = false;
                throw new StoreException("the connection to the database was lost; nothing was committed");
            }
            Set<JobId> notStarted = super.record(group);
            if (keepThenFail) {
                keepThenFail = false;
                throw new StoreException("the connection to the database was lost while committing");
            }
            return notStarted;
        }

        @Override
        public String describe() {
            return "failing commits over " + super.describe();
        }
    }

    private TlsHubFixture hub(AtomicReference<FailingCommits> store) {
        return TlsHubFixture.observed(dir.resolve("hub"), memory -> {
            store.set(new FailingCommits(memory));
            return HubObserver.NONE;
        }, UnaryOperator.identity(), builder -> builder.store(store.get()));
    }

    @Test
    void aJobKeptByAStoreThatSaidItFailedRunsOnceTheStoreAnswers() throws Exception {
        AtomicReference<FailingCommits> store = new AtomicReference<>();
        try (TlsHubFixture pool = hub(store); RealWorkers workers = new RealWorkers()) {
            workers.start(pool, dir.resolve("w1"), "w1");
            PoolClient admin = pool.track(pool.admin());

            store.get().keepThenFail = true;
            assertThatThrownBy(() -> admin.submit(JobSpec.of("echo", "kept"))).isInstanceOf(PoolException.class);

            List<JobRecord> kept = pool.store.jobs().list(JobQuery.all(10));
            assertThat(kept).singleElement().satisfies(job -> assertThat(job.spec().command()).containsExactly("echo", "kept"));
            JobId id = kept.get(0).id();
            await().atMost(PATIENCE).until(() -> admin.job(id).state().isFinal());
            assertThat(admin.job(id).state()).isEqualTo(JobState.SUCCEEDED);
            // it fitted the worker at once, so it was kept started there; its worker never had that attempt
            assertThat(pool.store.jobs().find(id).orElseThrow().attempt()).isEqualTo(2);
            // and the hub serves the next submission as ever
            JobId next = admin.submit(JobSpec.of("true"));
            await().atMost(PATIENCE).until(() -> admin.job(next).state() == JobState.SUCCEEDED);
        }
    }

    @Test
    void aWaitingJobKeptByAStoreThatSaidItFailedRunsWhenANodeComes() throws Exception {
        AtomicReference<FailingCommits> store = new AtomicReference<>();
        try (TlsHubFixture pool = hub(store); RealWorkers workers = new RealWorkers()) {
            PoolClient admin = pool.track(pool.admin());

            store.get().keepThenFail = true;
            assertThatThrownBy(() -> admin.submit(JobSpec.of("echo", "kept"))).isInstanceOf(PoolException.class);
            JobId id = pool.store.jobs().list(JobQuery.all(10)).get(0).id();
            assertThat(pool.store.jobs().find(id).orElseThrow().state()).isEqualTo(JobState.QUEUED);

            workers.start(pool, dir.resolve("w1"), "w1");
            await().atMost(PATIENCE).until(() -> admin.job(id).state().isFinal());
            assertThat(admin.job(id).state()).isEqualTo(JobState.SUCCEEDED);
            assertThat(pool.store.jobs().find(id).orElseThrow().attempt()).isEqualTo(1);
        }
    }

    @Test
    void aJobTheStoreDidNotKeepIsForgottenAndNothingRuns() throws Exception {
        AtomicReference<FailingCommits> store = new AtomicReference<>();
        try (TlsHubFixture pool = hub(store); RealWorkers workers = new RealWorkers()) {
            workers.start(pool, dir.resolve("w1"), "w1");
            PoolClient admin = pool.track(pool.admin());

            store.get().failWithoutKeeping = true;
            assertThatThrownBy(() -> admin.submit(JobSpec.of("echo", "lost"))).isInstanceOf(PoolException.class);

            JobId next = admin.submit(JobSpec.of("true"));
            await().atMost(PATIENCE).until(() -> admin.job(next).state() == JobState.SUCCEEDED);
            assertThat(pool.store.jobs().list(JobQuery.all(10))).extracting(JobRecord::id).containsExactly(next);
        }
    }
}
