package io.resourcepool.launcher.bench;

import io.resourcepool.api.JobId;
import io.resourcepool.api.JobState;
import io.resourcepool.core.client.JobInfo;
import io.resourcepool.core.client.PoolClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Client processes that follow jobs' output: each slot submits a job that prints for fifteen seconds and runs
 * {@code pool logs --follow ID} in a process of its own. When that process is killed (or dropped, or its hub went
 * away) before the job ended, a new one reattaches to the same job; once the job has ended, a reattached follower
 * must have printed the job's last line if the job succeeded.
 */
final class Followers {
    private static final Duration RETRY = Duration.ofSeconds(1);

    private final HubProcess hub;
    private final Path home;
    private final SoakRecord record;
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final AtomicInteger started = new AtomicInteger();
    private final List<AtomicReference<PoolJvm>> current = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();

    Followers(HubProcess hub, Path home, SoakRecord record) {
        this.hub = hub;
        this.home = home;
        this.record = record;
    }

    /** Logs the soak's user in for the processes ({@code pool login}, which keeps the session in their home) and starts the slots. */
    void start(int slots) {
        login();
        for (int i = 0; i < slots; i++) {
            AtomicReference<PoolJvm> slot = new AtomicReference<>();
            current.add(slot);
            threads.add(Thread.ofVirtual().name("soak-follower-" + i).start(() -> run(slot)));
        }
    }

    /** {@code pool login}, tried three times: a cold JVM's handshake can outlast the hub's deadline on a busy machine. */
    private void login() {
        for (int attempt = 1; ; attempt++) {
            PoolJvm login = PoolJvm.start("login", home, "128m", Map.of("SOAK_PASSWORD", SoakClients.PASSWORD.reveal()),
                    List.of("login", "--hub", hub.hostPort(), "--ca-fingerprint", hub.fingerprint(), "-u", SoakClients.USER, "--password-env", "SOAK_PASSWORD"));
            if (login.awaitExit(Duration.ofMinutes(1)).equals(Optional.of(0))) {
                return;
            }
            login.killHard();
            if (attempt == 3) {
                throw new IllegalStateException("pool login for the client processes failed " + attempt + " times; see " + login.log());
            }
            LockSupport.parkNanos(RETRY.toNanos());
        }
    }

    /** The client process of a slot now, if one runs. */
    Optional<PoolJvm> process(int slot) {
        return Optional.ofNullable(current.get(slot % current.size()).get());
    }

    int slots() {
        return current.size();
    }

    private void run(AtomicReference<PoolJvm> slot) {
        while (!stopped.get()) {
            try (PoolClient c = hub.connect().login(SoakClients.USER, SoakClients.PASSWORD)) {
                String marker = "soak-followed-" + started.incrementAndGet();
                JobId id = c.submit(SoakJob.spec(SoakJob.Kind.FOLLOWED, marker));
                record.accepted(new SoakJob(id, SoakJob.Kind.FOLLOWED, marker, Optional.empty()));
                follow(slot, id, marker);
            } catch (RuntimeException e) {
                LockSupport.parkNanos(RETRY.toNanos());
            }
        }
    }

    /** Follows the job with client processes until one has seen its end, reattaching after each that did not. */
    private void follow(AtomicReference<PoolJvm> slot, JobId id, String marker) {
        for (int attempt = 0; ; attempt++) {
            PoolJvm follower = PoolJvm.start("follower-" + started.get() + "-" + attempt, home, "96m", Map.of(),
                    List.of("logs", "--follow", id.toString(), "--hub", hub.hostPort(), "--ca-fingerprint", hub.fingerprint()));
            slot.set(follower);
            Optional<Integer> exit = follower.awaitExit(Duration.ofMinutes(5));
            slot.set(null);
            if (exit.isEmpty()) {
                follower.killHard();
            }
            Optional<JobInfo> job = jobAfter(id);
            if (attempt > 0 && job.isPresent() && job.get().state() == JobState.SUCCEEDED && exit.equals(Optional.of(0))
                    && !follower.logText().contains(marker)) {
                record.reattachFailed(follower.name() + " followed " + id + " to its end but did not print its last line");
            }
            if (job.isEmpty() || job.get().state().isFinal() || stopped.get()) {
                return;
            }
            record.reattached();
        }
    }

    private Optional<JobInfo> jobAfter(JobId id) {
        try (PoolClient c = hub.connect().login(SoakClients.USER, SoakClients.PASSWORD)) {
            return Optional.of(c.job(id));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Stops the slots once their current jobs have been followed to the end (at most {@code patience}). */
    void stop(Duration patience) throws InterruptedException {
        stopped.set(true);
        PatientJoin.joinAll(threads, patience);
        current.forEach(slot -> Optional.ofNullable(slot.get()).ifPresent(PoolJvm::killHard));
    }
}
