package io.resourcepool.launcher.bench;

import io.resourcepool.api.JobState;
import io.resourcepool.api.NodeId;
import io.resourcepool.api.spi.store.AuditVerification;
import io.resourcepool.api.spi.store.JobRecord;
import io.resourcepool.api.spi.transport.CertificateFingerprint;
import io.resourcepool.core.client.PoolClient;
import io.resourcepool.transport.tls.PeerTrust;
import io.resourcepool.transport.tls.TlsTransport;
import io.resourcepool.transport.tls.TlsTransportConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

/**
 * Jobs through several hubs while they are killed: clients spread over the hubs submit a number of jobs; meanwhile,
 * one hub after another is killed with SIGKILL, the bench waits until every worker is online again through the others
 * (timed), and starts the hub again. Then it waits until every job ended, and checks, from the store: every accepted
 * job ended exactly once (one attempt, one {@code job.finished} row), none lost, each result with its output, the audit
 * chain of every hub's rows verifies, every session was taken by the other hubs, and every worker came back within
 * the node timeout.
 */
final class HubsChaos {
    /**
     * What to run.
     *
     * @param hubs hubs, each a process
     * @param workers real workers, each a process, knowing every hub
     * @param fleet simulated workers (no process per job), in one more process
     * @param realEvery one job in this many runs a process on a real worker, the others {@code true} on the fleet
     * @param clients clients, spread over the hubs
     * @param jobs jobs to submit between them
     * @param kills hubs to kill one after another while the jobs are submitted (0 for a plain run)
     * @param nodeTimeout the hubs' node timeout
     */
    record Plan(int hubs, int workers, int fleet, int realEvery, int clients, int jobs, int kills, Duration nodeTimeout) {}

    /**
     * What happened.
     *
     * @param accepted jobs accepted
     * @param submitting how long submitting them took
     * @param draining how long from the first submission until every job ended
     * @param failovers for each kill, how long until every worker was online through the other hubs
     * @param checks the verdict
     */
    record Outcome(int accepted, Duration submitting, Duration draining, List<Duration> failovers, List<SoakChecks.Check> checks) {
        boolean passed() {
            return checks.stream().allMatch(SoakChecks.Check::passed);
        }
    }

    private HubsChaos() {}

    /** Runs the plan in a pool started in {@code dir}, printing its progress, and stops the pool. */
    static Outcome run(Path dir, Plan plan, PrintWriter out) throws InterruptedException {
        try (HubsPool pool = HubsPool.start(dir, plan.hubs(), plan.workers(), plan.fleet(), plan.nodeTimeout());
                TlsTransport transport = new TlsTransport(TlsTransportConfig.client(PeerTrust.pinned(CertificateFingerprint.parse(pool.fingerprint()))))) {
            out.printf("%d hubs on one PostgreSQL, %d real workers and %d simulated, %d clients: submitting %d jobs (one in %d a process on a real"
                    + " worker), killing %d hubs one after another%n", plan.hubs(), plan.workers(), plan.fleet(), plan.clients(), plan.jobs(),
                    plan.realEvery(), plan.kills());
            out.flush();
            long start = System.nanoTime();
            HubsClients clients = new HubsClients(transport, pool::addresses, plan.jobs(), plan.realEvery());
            clients.start(plan.clients());
            List<Duration> failovers = killOneAfterAnother(pool, plan, clients, out);
            clients.await();
            Duration submitting = Duration.ofNanos(System.nanoTime() - start);
            SoakBench.drain(pool.hub(0));
            Duration draining = Duration.ofNanos(System.nanoTime() - start);
            AuditVerification audit;
            try (PoolClient admin = pool.hub(0).admin()) {
                audit = admin.admin().verifyAudit();
            }
            pool.stopProcesses();
            List<SoakJob> accepted = clients.accepted();
            SoakEvidence.Stored stored = SoakEvidence.read(pool.hubConfig(), pool.hubDataDir(), accepted);
            List<SoakChecks.Check> checks = new ArrayList<>(SoakChecks.ofJobs(new SoakChecks.Jobs(accepted, stored.jobs(), stored.unfinished(),
                    stored.finishedRows(), stored.finishedRowsComplete(), audit)));
            checks.add(allSucceeded(stored));
            checks.add(new SoakChecks.Check("every session taken by the other hubs", clients.sessionsRefused().isEmpty(),
                    clients.resumedCount() + " sessions resumed on another hub" + (clients.sessionsRefused().isEmpty() ? ""
                            : "; refused: " + clients.sessionsRefused())));
            checks.add(backInTime(failovers, plan));
            return new Outcome(accepted.size(), submitting, draining, failovers, List.copyOf(checks));
        }
    }

    /** Kills hub 1, 2, … in turn, each once a share of the jobs is accepted, and times the workers' way back. */
    private static List<Duration> killOneAfterAnother(HubsPool pool, Plan plan, HubsClients clients, PrintWriter out) {
        List<Duration> failovers = new ArrayList<>();
        for (int k = 0; k < plan.kills(); k++) {
            int due = (int) ((long) plan.jobs() * (k + 1) / (plan.kills() + 1));
            while (clients.acceptedCount() < due) {
                LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
            }
            int victim = k % pool.hubCount();
            int acceptedBefore = clients.acceptedCount();
            pool.kill(victim);
            long killed = System.nanoTime();
            Duration back = awaitWorkersOnline(pool, Duration.ofSeconds(90), killed);
            failovers.add(back);
            out.printf(Locale.ROOT, "killed hub-%d (SIGKILL) after %d jobs accepted; every worker online through the others after %.1f s%n",
                    victim + 1, acceptedBefore, back.toMillis() / 1000.0);
            out.flush();
            pool.restart(victim);
        }
        return failovers;
    }

    private static Duration awaitWorkersOnline(HubsPool pool, Duration patience, long since) {
        long deadline = since + patience.toNanos();
        while (System.nanoTime() < deadline) {
            Set<NodeId> online = pool.onlineNodes();
            if (online.size() >= pool.workerCount()) {
                return Duration.ofNanos(System.nanoTime() - since);
            }
            LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
        }
        return patience;
    }

    /** Every job prints a line and ends: none may end otherwise (LOST, FAILED), whatever happened to the hubs. */
    private static SoakChecks.Check allSucceeded(SoakEvidence.Stored stored) {
        Map<JobState, Long> states = stored.jobs().values().stream().collect(Collectors.groupingBy(JobRecord::state, () -> new EnumMap<>(JobState.class),
                Collectors.counting()));
        List<String> others = stored.jobs().values().stream().filter(job -> job.state() != JobState.SUCCEEDED).limit(5)
                .map(job -> job.id() + " " + job.state() + ": " + job.reason()).toList();
        return new SoakChecks.Check("no accepted job lost: each SUCCEEDED", others.isEmpty(), states + (others.isEmpty() ? "" : "; " + others));
    }

    private static SoakChecks.Check backInTime(List<Duration> failovers, Plan plan) {
        boolean inTime = failovers.stream().allMatch(d -> d.compareTo(plan.nodeTimeout()) <= 0);
        return new SoakChecks.Check("every worker back online through another hub within the node timeout", inTime,
                failovers.isEmpty() ? "no hub killed" : failovers.stream().map(d -> String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0)).toList()
                        + " against " + plan.nodeTimeout().toSeconds() + " s");
    }
}
