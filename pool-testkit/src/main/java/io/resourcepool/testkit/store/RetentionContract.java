package io.resourcepool.testkit.store;

import static io.resourcepool.testkit.store.StoreSamples.T0;
import static io.resourcepool.testkit.store.StoreSamples.at;
import static io.resourcepool.testkit.store.StoreSamples.event;
import static io.resourcepool.testkit.store.StoreSamples.job;
import static io.resourcepool.testkit.store.StoreSamples.joinToken;
import static io.resourcepool.testkit.store.StoreSamples.outcome;
import static io.resourcepool.testkit.store.StoreSamples.session;
import static io.resourcepool.testkit.store.StoreSamples.sha256;
import static io.resourcepool.testkit.store.StoreSamples.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.resourcepool.api.JobId;
import io.resourcepool.api.JobState;
import io.resourcepool.api.NodeId;
import io.resourcepool.api.spi.store.AuditQuery;
import io.resourcepool.api.spi.store.JobQuery;
import io.resourcepool.api.spi.store.JobRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Retention: pruning deletes finished jobs, ended sessions and spent join tokens older than a time, a bounded
 * batch per call, and nothing else: not a queued or running job however old, not a recent one, never the audit log.
 */
public abstract class RetentionContract extends StoreFixture {
    private static final NodeId NODE = NodeId.of("worker-1");
    private static final Instant CUTOFF = T0.plus(Duration.ofDays(30));

    /**
     * Tests the given implementation.
     *
     * @param subject how to make the stores under test
     */
    protected RetentionContract(StoreUnderTest subject) {
        super(subject);
    }

    private JobRecord finishedJob(JobState state, Instant finishedAt) {
        JobRecord job = job("alice", T0);
        store().jobs().create(job);
        store().jobs().markRunning(job.id(), 1, NODE, T0);
        store().jobs().finish(job.id(), outcome(1, state, Optional.of(0), finishedAt));
        return job;
    }

    @Test
    void finishedJobsOlderThanTheCutoffGoWithTheirOutputAndNothingElseDoes() {
        List<JobId> old = new ArrayList<>();
        for (JobState state : List.of(JobState.SUCCEEDED, JobState.FAILED, JobState.TIMED_OUT, JobState.CANCELLED, JobState.LOST)) {
            old.add(finishedJob(state, T0.plus(Duration.ofDays(1))).id());
        }
        JobRecord recent = finishedJob(JobState.SUCCEEDED, CUTOFF);
        JobRecord oldQueued = job("alice", T0);
        store().jobs().create(oldQueued);
        JobRecord oldRunning = job("bob", T0);
        store().jobs().create(oldRunning);
        store().jobs().markRunning(oldRunning.id(), 1, NODE, T0);

        int pruned = store().jobs().pruneFinished(CUTOFF, 100);

        assertThat(pruned).isEqualTo(5);
        old.forEach(id -> assertThat(store().jobs().find(id)).as("job %s", id).isEmpty());
        assertThat(store().jobs().find(recent.id())).isPresent();
        assertThat(store().jobs().find(oldQueued.id()).orElseThrow().state()).isEqualTo(JobState.QUEUED);
        assertThat(store().jobs().find(oldRunning.id()).orElseThrow().state()).isEqualTo(JobState.RUNNING);
        assertThat(store().jobs().list(JobQuery.all(100))).hasSize(3);
    }

    @Test
    void jobsArePrunedABatchAtATime() {
        List<JobId> old = List.of(finishedJob(JobState.SUCCEEDED, at(1)).id(), finishedJob(JobState.SUCCEEDED, at(2)).id(),
                finishedJob(JobState.SUCCEEDED, at(3)).id());

        assertThat(store().jobs().pruneFinished(CUTOFF, 2)).isEqualTo(2);
        assertThat(old.stream().filter(id -> store().jobs().find(id).isPresent())).hasSize(1);

        assertThat(store().jobs().pruneFinished(CUTOFF, 2)).isEqualTo(1);
        assertThat(store().jobs().pruneFinished(CUTOFF, 2)).isZero();
        assertThat(store().jobs().list(JobQuery.all(100))).isEmpty();
    }

    @Test
    void aBatchOfNoRowsIsRefused() {
        assertThatThrownBy(() -> store().jobs().pruneFinished(CUTOFF, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxRows");
    }

    @Test
    void expiredAndRevokedSessionsGoLiveOnesStay() {
        store().credentials().createUser(user("alice"));
        store().credentials().createSession(session("expired", "alice", T0));
        store().credentials().createSession(session("revoked", "alice", CUTOFF.minus(Duration.ofMinutes(30))));
        store().credentials().revokeSession(sha256("revoked"), CUTOFF.minus(Duration.ofMinutes(10)));
        store().credentials().createSession(session("live", "alice", CUTOFF.minus(Duration.ofMinutes(30))));
        store().credentials().createSession(session("recently-expired", "alice", CUTOFF.minus(Duration.ofMinutes(59))));

        assertThat(store().credentials().pruneSessions(CUTOFF.minus(Duration.ofMinutes(5)), 100)).isEqualTo(2);

        assertThat(store().credentials().findSession(sha256("expired"))).isEmpty();
        assertThat(store().credentials().findSession(sha256("revoked"))).isEmpty();
        assertThat(store().credentials().findSession(sha256("live"))).isPresent();
        assertThat(store().credentials().findSession(sha256("recently-expired"))).isPresent();
    }

    @Test
    void usedAndExpiredJoinTokensGoUsableOnesStay() {
        store().nodes().createJoinToken(joinToken("used", "secret-used", T0));
        store().nodes().consumeJoinToken(sha256("secret-used"), at(10), NODE);
        store().nodes().createJoinToken(joinToken("expired-revoked", "secret-revoked", T0));
        store().nodes().revokeJoinToken("expired-revoked");
        store().nodes().createJoinToken(joinToken("usable", "secret-usable", CUTOFF));
        store().nodes().createJoinToken(joinToken("used-late", "secret-late", CUTOFF));
        store().nodes().consumeJoinToken(sha256("secret-late"), CUTOFF.plusSeconds(1), NodeId.of("worker-2"));

        assertThat(store().nodes().pruneJoinTokens(CUTOFF, 100)).isEqualTo(2);

        assertThat(store().nodes().listJoinTokens()).extracting(t -> t.id()).containsExactlyInAnyOrder("usable", "used-late");
    }

    @Test
    void pruningLeavesTheAuditLogWholeAndVerifiable() {
        JobRecord job = finishedJob(JobState.SUCCEEDED, at(1));
        store().audit().append(event("alice", "job.submit", at(1)));
        store().audit().append(event("alice", "job.finish", at(2)));

        store().jobs().pruneFinished(CUTOFF, 100);
        store().credentials().pruneSessions(CUTOFF, 100);
        store().nodes().pruneJoinTokens(CUTOFF, 100);

        assertThat(store().jobs().find(job.id())).isEmpty();
        assertThat(store().audit().list(AuditQuery.latest(100))).hasSize(2);
        assertThat(store().audit().verify().intact()).isTrue();
    }
}
