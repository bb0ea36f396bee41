package io.resourcepool.core.hub;

import static org.assertj.core.api.Assertions.assertThat;

import io.resourcepool.api.JobSpec;
import io.resourcepool.api.NodeId;
import io.resourcepool.api.spi.scheduler.PoolView;
import io.resourcepool.api.spi.scheduler.Scheduler;
import io.resourcepool.core.auth.EnvironmentVault;
import io.resourcepool.testkit.store.InMemoryStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two passes over the waiting jobs at once (a node joins while a job ends): one is placing a job while the other
 * looks at it. The job must stay waiting if the first finds no node, never dropped from the waiting jobs by the
 * second, or it would stay QUEUED for ever.
 */
class WaitingJobRaceTest {
    @TempDir
    Path dir;

    /** Finds no node; while {@code hold} is set, the first look waits until released. */
    private static final class HeldScheduler implements Scheduler {
        final AtomicInteger looks = new AtomicInteger();
        final AtomicBoolean hold = new AtomicBoolean();
        final CountDownLatch looking = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        @Override
        public Optional<NodeId> place(JobSpec job, PoolView pool) {
            looks.incrementAndGet();
            if (hold.compareAndSet(true, false)) {
                looking.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return Optional.empty();
        }
    }

    @Test
    void aJobBeingPlacedByOnePassStaysWaitingWhenAnotherPassSeesIt() throws Exception {
        HeldScheduler scheduler = new HeldScheduler();
        try (JobJournal journal = new JobJournal(InMemoryStore.opened())) {
            JobDispatcher dispatcher = new JobDispatcher(journal, new NodeRegistry(InstantSource.system(), Duration.ofSeconds(10)),
                    scheduler, InstantSource.system(), Duration.ofMinutes(1), 1L << 30, HubObserver.NONE, EnvironmentVault.inMemory(),
                    new DiskGuard(new DiskReserve(0), List.of(dir)));
            dispatcher.submit(JobSpec.of("true"), "ann", "", JobWatcher.NONE);

            scheduler.hold.set(true);
            Thread first = Thread.ofPlatform().start(dispatcher::placeWaiting);
            scheduler.looking.await();
            dispatcher.placeWaiting();
            scheduler.release.countDown();
            first.join();

            int before = scheduler.looks.get();
            dispatcher.placeWaiting();
            assertThat(scheduler.looks.get()).as("the next pass looks for a node for the job again").isEqualTo(before + 1);
            assertThat(dispatcher.waitingCount()).isEqualTo(1);
        }
    }
}
