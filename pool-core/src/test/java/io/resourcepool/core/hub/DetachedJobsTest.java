package io.resourcepool.core.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.resourcepool.api.JobId;
import io.resourcepool.api.JobSpec;
import io.resourcepool.api.JobState;
import io.resourcepool.api.NotFoundException;
import io.resourcepool.api.PermissionDeniedException;
import io.resourcepool.api.PoolException;
import io.resourcepool.api.Role;
import io.resourcepool.api.Secret;
import io.resourcepool.api.spi.store.JobQuery;
import io.resourcepool.api.spi.store.JobRecord;
import io.resourcepool.core.client.JobInfo;
import io.resourcepool.core.client.PoolClient;
import io.resourcepool.core.client.RunResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SUBMIT, JOBS, JOB and CANCEL on a hub with no workers, so every job waits: ownership, filters and refusals. */
class DetachedJobsTest {
    @TempDir
    Path dataDir;

    private LoopbackHubFixture fixture;
    private PoolClient admin;
    private PoolClient alice;
    private PoolClient bob;

    @BeforeEach
    void startHubWithUsers() {
        fixture = new LoopbackHubFixture(dataDir);
        admin = fixture.admin();
        admin.admin().addUser("alice", Role.COMPUTE_USER, Secret.of("alice-password"));
        admin.admin().addUser("bob", Role.COMPUTE_USER, Secret.of("bob-password"));
        admin.admin().addUser("vera", Role.VIEWER, Secret.of("vera-password"));
        alice = fixture.connect().login("alice", Secret.of("alice-password"));
        bob = fixture.connect().login("bob", Secret.of("bob-password"));
    }

    @AfterEach
    void stopHub() {
        alice.close();
        bob.close();
        admin.close();
        fixture.close();
    }

    @Test
    void submitAnswersWithTheIdOfAStoredJobThatWaitsForANode() {
        JobId id = alice.submit(JobSpec.of("echo", "hi"));
        JobInfo job = alice.job(id);
        assertThat(job.state()).isEqualTo(JobState.QUEUED);
        assertThat(job.owner()).isEqualTo("alice");
        assertThat(job.command()).containsExactly("echo", "hi");
        assertThat(job.node()).isEmpty();
        assertThat(job.startedAt()).isEmpty();
        assertThat(job.outputTail().isEmpty()).isTrue();
        assertThat(fixture.store.jobs().find(id)).map(JobRecord::owner).contains("alice");
    }

    @Test
    void jobsListsOnlyTheCallersOwnUnlessAnAdminAsks() {
        JobId a1 = alice.submit(JobSpec.of("true"));
        JobId a2 = alice.submit(JobSpec.of("false"));
        JobId b1 = bob.submit(JobSpec.of("true"));

        assertThat(alice.jobs(JobQuery.all(50))).extracting(JobInfo::id).containsExactlyInAnyOrder(a1, a2);
        assertThat(bob.jobs(JobQuery.all(50))).extracting(JobInfo::id).containsExactly(b1);
        assertThat(admin.jobs(JobQuery.all(50))).extracting(JobInfo::id).containsExactlyInAnyOrder(a1, a2, b1);
        assertThat(admin.jobs(new JobQuery(Optional.empty(), Optional.empty(), Optional.of("bob"), 50))).extracting(JobInfo::id)
                .containsExactly(b1);
        assertThatThrownBy(() -> alice.jobs(new JobQuery(Optional.empty(), Optional.empty(), Optional.of("bob"), 50)))
                .isInstanceOf(PermissionDeniedException.class).hasMessageContaining("only an admin may list another user's jobs");
    }

    @Test
    void jobsFiltersByState() {
        JobId kept = alice.submit(JobSpec.of("true"));
        JobId cancelled = alice.submit(JobSpec.of("true"));
        alice.cancel(cancelled);
        awaitStored(cancelled, j -> j.state() == JobState.CANCELLED);

        assertThat(alice.jobs(JobQuery.inState(JobState.CANCELLED, 50))).extracting(JobInfo::id).containsExactly(cancelled);
        assertThat(alice.jobs(JobQuery.inState(JobState.QUEUED, 50))).extracting(JobInfo::id).containsExactly(kept);
    }

    @Test
    void anotherUsersJobIsNotFoundRatherThanRefused() {
        JobId id = alice.submit(JobSpec.of("true"));
        assertThatThrownBy(() -> bob.job(id)).isInstanceOf(NotFoundException.class).hasMessageContaining(id.toString());
        assertThatThrownBy(() -> bob.cancel(id)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> bob.job(JobId.random())).isInstanceOf(NotFoundException.class);
        assertThat(admin.job(id).owner()).isEqualTo("alice");
        assertThat(alice.job(id).state()).isEqualTo(JobState.QUEUED);
    }

    @Test
    void aViewerIsRefusedSubmitByRoleAndHasNoJobs() {
        alice.submit(JobSpec.of("true"));
        try (PoolClient vera = fixture.connect().login("vera", Secret.of("vera-password"))) {
            assertThatThrownBy(() -> vera.submit(JobSpec.of("true"))).isInstanceOf(PermissionDeniedException.class)
                    .hasMessageContaining("SUBMIT needs the compute-user role; vera has viewer");
            assertThat(vera.jobs(JobQuery.all(50))).isEmpty();
        }
    }

    @Test
    void cancellingAWaitingJobEndsItCancelledInTheStoreAndASecondCancelSaysSo() {
        JobId id = alice.submit(JobSpec.of("sleep", "30"));
        alice.cancel(id);
        JobRecord stored = awaitStored(id, j -> j.state().isFinal());
        assertThat(stored.state()).isEqualTo(JobState.CANCELLED);
        assertThat(stored.reason()).contains("cancelled by alice");
        assertThat(alice.job(id).state()).isEqualTo(JobState.CANCELLED);
        assertThatThrownBy(() -> alice.cancel(id)).isInstanceOf(PoolException.class)
                .hasMessageContaining("job " + id + " already ended CANCELLED");
    }

    @Test
    void aFollowerOfAWaitingJobHearsItsEndAndOthersMayNotFollowIt() throws Exception {
        JobId id = alice.submit(JobSpec.of("true"));
        assertThatThrownBy(() -> bob.follow(id, (channel, chunk) -> {})).isInstanceOf(NotFoundException.class)
                .hasMessageContaining(id.toString());

        CompletableFuture<RunResult> followed = CompletableFuture.supplyAsync(() -> admin.follow(id, (channel, chunk) -> {}));
        awaitStored(id, j -> j.state() == JobState.QUEUED);
        alice.cancel(id);
        RunResult end = followed.get(10, TimeUnit.SECONDS);
        assertThat(end.job()).isEqualTo(id);
        assertThat(end.state()).isEqualTo(JobState.CANCELLED);
        assertThat(end.reason()).contains("cancelled by alice");

        RunResult replayed = alice.follow(id, (channel, chunk) -> {});
        assertThat(replayed.state()).isEqualTo(JobState.CANCELLED);
        assertThat(replayed.exitCode()).isEmpty();
    }

    @Test
    void anAdminMayCancelAnyonesJob() {
        JobId id = bob.submit(JobSpec.of("true"));
        admin.cancel(id);
        assertThat(awaitStored(id, j -> j.state().isFinal()).reason()).contains("cancelled by admin");
    }

    @Test
    void cancellingAnUnknownJobIsNotFoundAndTheConnectionCarriesOn() {
        assertThatThrownBy(() -> alice.cancel(JobId.random())).isInstanceOf(NotFoundException.class).hasMessageContaining("does not exist");
        assertThat(alice.jobs(JobQuery.inState(JobState.LOST, 10))).isEmpty();
    }

    /** The journal writes a job's end after the request is answered, so the test waits for it, with a deadline. */
    private JobRecord awaitStored(JobId id, Predicate<JobRecord> condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            Optional<JobRecord> job = fixture.store.jobs().find(id).filter(condition);
            if (job.isPresent()) {
                return job.get();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("job " + id + " did not reach the expected state in 10 s: " + fixture.store.jobs().find(id));
            }
            LockSupport.parkNanos(Duration.ofMillis(5).toNanos());
        }
    }
}
