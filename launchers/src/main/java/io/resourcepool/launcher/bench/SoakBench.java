package io.resourcepool.launcher.bench;

import io.resourcepool.api.JobState;
import io.resourcepool.api.spi.store.AuditVerification;
import io.resourcepool.api.spi.store.JobQuery;
import io.resourcepool.core.client.PoolClient;
import io.resourcepool.launcher.demo.ScratchDirectory;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.LockSupport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pool bench soak}: a hub, real workers, a simulated fleet and clients, each in processes of their own, under
 * load and a seeded chaos schedule for N minutes; then checks that nothing was lost and the hub gave back what the
 * load took. Exits 1 when a check fails, and then keeps its scratch directory (every process's log) to look into.
 */
@Command(name = "soak", mixinStandardHelpOptions = true,
        description = "Run a pool in separate processes under load and chaos (kills, stops, hub and database restarts), then check nothing was lost.")
public final class SoakBench implements Callable<Integer> {
    private static final Duration PAUSED = Duration.ofSeconds(8);
    private static final Duration DRAIN = Duration.ofSeconds(120);
    private static final Duration SETTLE = Duration.ofSeconds(5);

    @Spec
    CommandSpec spec;

    @Option(names = "--minutes", required = true, paramLabel = "N", description = "how long the load and chaos last")
    int minutes;

    @Option(names = "--fleet", defaultValue = "1000", description = "simulated workers, in one process (default ${DEFAULT-VALUE})")
    int fleet;

    @Option(names = "--workers", defaultValue = "3", description = "real workers, each a process (default ${DEFAULT-VALUE})")
    int workers;

    @Option(names = "--clients", defaultValue = "8", description = "clients submitting jobs (default ${DEFAULT-VALUE}); a quarter as many (2 at least) client processes follow jobs")
    int clients;

    @Option(names = "--store", defaultValue = "sqlite", paramLabel = "sqlite|postgres",
            description = "where the hub keeps its state: SQLite, or a PostgreSQL cluster of the soak's own (default ${DEFAULT-VALUE})")
    String store;

    @Option(names = "--seed", paramLabel = "S", description = "the chaos schedule's seed (default: the time; printed, to run the same schedule again)")
    Long seed;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        validate();
        long chosenSeed = seed != null ? seed : System.currentTimeMillis();
        boolean postgres = store.equals("postgres");
        if (postgres) {
            PrivatePostgres.requireInstallation();
        }
        String commandLine = String.format(Locale.ROOT, "pool bench soak --minutes %d --fleet %d --workers %d --clients %d --store %s --seed %d",
                minutes, fleet, workers, clients, store, chosenSeed);
        out.println(commandLine);
        out.flush();
        ScratchDirectory dir = ScratchDirectory.create("resourcepool-soak-");
        SoakOutcome outcome;
        try (SoakPool pool = SoakPool.start(dir.path(), postgres, workers, fleet)) {
            outcome = soak(pool, chosenSeed, out);
        }
        outcome.print(out, commandLine);
        if (outcome.passed()) {
            dir.close();
        } else {
            out.println("the processes' logs are kept in " + dir.path());
        }
        out.flush();
        return outcome.passed() ? 0 : 1;
    }

    private void validate() {
        if (minutes < 1 || fleet < 0 || workers < 1 || clients < 1 || !Set.of("sqlite", "postgres").contains(store)) {
            throw new IllegalArgumentException("pool bench soak needs --minutes 1 or more, --fleet 0 or more, --workers and --clients 1 or more"
                    + " and --store sqlite or postgres; was " + minutes + ", " + fleet + ", " + workers + ", " + clients + ", " + store);
        }
    }

    private SoakOutcome soak(SoakPool pool, long chosenSeed, PrintWriter out) throws Exception {
        HubProcess hub = pool.hub();
        out.printf(Locale.ROOT, "pool up: hub pid %d (%s store), %d real workers, fleet of %d in pid %d; scratch %s%n", hub.jvm().pid(),
                pool.postgres().map(pg -> "PostgreSQL on port " + pg.port()).orElse("SQLite"), pool.workerCount(), pool.fleetSize(),
                pool.fleet().pid(), pool.dir());
        LockSupport.parkNanos(SETTLE.toNanos());
        HubVitals before = HubVitals.of(hub.jvm().pid());
        out.println("hub before the load: " + before.describe());
        SoakRecord record = new SoakRecord();
        SoakClients submitters = new SoakClients(hub, record);
        Followers followers = new Followers(hub, pool.dir(), record);
        Duration run = Duration.ofMinutes(minutes);
        Set<Chaos.Kind> kinds = EnumSet.allOf(Chaos.Kind.class);
        if (pool.postgres().isEmpty()) {
            kinds.remove(Chaos.Kind.DATABASE_RESTART);
        }
        int followerSlots = Math.max(2, clients / 4);
        Chaos chaos = Chaos.plan(chosenSeed, run, kinds, workers, followerSlots);
        out.println("chaos schedule (seed " + chosenSeed + "): " + chaos.schedule().size() + " faults");
        out.flush();
        long start = System.nanoTime();
        submitters.start(clients);
        followers.start(followerSlots);
        Thread chaosThread = Thread.ofVirtual().name("soak-chaos").start(() -> chaos.play(start, new SoakInjector(pool, followers, PAUSED), out));
        LockSupport.parkNanos(run.toNanos());
        chaosThread.join();
        out.println("load stopped; draining");
        out.flush();
        submitters.stop(Duration.ofSeconds(60));
        followers.stop(Duration.ofSeconds(60));
        drain(hub);
        LockSupport.parkNanos(SETTLE.toNanos());
        HubVitals after = HubVitals.of(hub.jvm().pid());
        List<String> stuck = StuckThreads.of(hub.jvm().pid(), pool.dir(), SETTLE);
        AuditVerification audit;
        try (PoolClient admin = hub.admin()) {
            audit = admin.admin().verifyAudit();
        }
        pool.stopWorkers();
        hub.close();
        List<SoakJob> accepted = record.jobs();
        SoakEvidence.Stored stored = SoakEvidence.read(pool.dir().resolve("hub.properties"), pool.dir().resolve("hub"), accepted);
        SoakChecks.Evidence evidence = new SoakChecks.Evidence(accepted, stored.jobs(), stored.unfinished(), stored.finishedRows(),
                stored.finishedRowsComplete(), audit, before, after, stuck, chaos.failures(), record.reattachFailures());
        return new SoakOutcome(evidence, SoakChecks.of(evidence), chaos.injected(), record.reattachedCount(), submitters.reconnects(),
                Duration.ofNanos(System.nanoTime() - start));
    }

    /** Waits until the hub holds no job QUEUED or RUNNING (lost jobs take the node timeout to be given up). */
    static void drain(HubProcess hub) {
        long deadline = System.nanoTime() + DRAIN.toNanos();
        while (System.nanoTime() < deadline) {
            try (PoolClient admin = hub.admin()) {
                if (admin.jobs(JobQuery.inState(JobState.QUEUED, 1)).isEmpty() && admin.jobs(JobQuery.inState(JobState.RUNNING, 1)).isEmpty()) {
                    return;
                }
            } catch (RuntimeException e) {
                // the hub may still be coming back from the last fault: ask again
            }
            LockSupport.parkNanos(Duration.ofSeconds(1).toNanos());
        }
    }
}
