package io.resourcepool.launcher.bench;

import io.resourcepool.api.JobId;
import io.resourcepool.api.Secret;
import io.resourcepool.core.client.PoolClient;
import io.resourcepool.core.client.RunResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The soak's clients in this process: each logs in as the soak's user and, until stopped, submits a job, follows it
 * to its end (cancelling one in twenty while it runs) and pauses a little. A client whose connection fails (the hub
 * was killed) logs in again after a short wait; the jobs it had been given ids for stay on the record.
 */
final class SoakClients {
    static final String USER = "soak";
    static final Secret PASSWORD = Secret.of("soak-user-password");
    private static final Duration PAUSE = Duration.ofMillis(200);
    private static final Duration RETRY = Duration.ofMillis(500);

    private final HubProcess hub;
    private final SoakRecord record;
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final AtomicLong reconnects = new AtomicLong();
    private final List<Thread> threads = new ArrayList<>();

    SoakClients(HubProcess hub, SoakRecord record) {
        this.hub = hub;
        this.record = record;
    }

    /** Starts {@code count} clients, each on a virtual thread of its own. */
    void start(int count) {
        for (int i = 0; i < count; i++) {
            int client = i;
            threads.add(Thread.ofVirtual().name("soak-client-" + i).start(() -> run(client)));
        }
    }

    private void run(int client) {
        long n = 0;
        while (!stopped.get()) {
            try (PoolClient c = hub.connect().login(USER, PASSWORD)) {
                while (!stopped.get()) {
                    oneJob(c, client, n++);
                    LockSupport.parkNanos(PAUSE.toNanos());
                }
            } catch (RuntimeException e) {
                reconnects.incrementAndGet();
                LockSupport.parkNanos(RETRY.toNanos());
            }
        }
    }

    private void oneJob(PoolClient c, int client, long n) {
        SoakJob.Kind kind = kindOf(client + n);
        String marker = "soak-" + client + "-" + n;
        JobId id = c.submit(SoakJob.spec(kind, marker));
        SoakJob job = record.accepted(new SoakJob(id, kind, marker, java.util.Optional.empty()));
        if (kind == SoakJob.Kind.CANCELLED) {
            LockSupport.parkNanos(Duration.ofMillis(300).toNanos());
            c.cancel(id);
        }
        RunResult end = c.follow(id, (channel, chunk) -> { });
        record.seen(job.seen(end.state()));
    }

    /** One job in twenty is cancelled, one in four runs on a real worker, the others on the fleet. */
    static SoakJob.Kind kindOf(long draw) {
        long slot = Math.floorMod(draw, 20L);
        if (slot == 0) {
            return SoakJob.Kind.CANCELLED;
        }
        return slot % 4 == 1 ? SoakJob.Kind.REAL : SoakJob.Kind.FLEET;
    }

    /** Stops the clients and waits for each to finish the job it is following (at most {@code patience} in all). */
    void stop(Duration patience) throws InterruptedException {
        stopped.set(true);
        PatientJoin.joinAll(threads, patience);
    }

    long reconnects() {
        return reconnects.get();
    }
}
