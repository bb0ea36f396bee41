package io.resourcepool.launcher.bench;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;

/** Injects the chaos's faults into the soak's pool and its client processes. */
final class SoakInjector implements Chaos.Injector {
    private static final Duration CLIENT_WAIT = Duration.ofSeconds(45);

    private final SoakPool pool;
    private final Followers followers;
    private final Duration paused;

    /**
     * @param pool the pool
     * @param followers the client processes
     * @param paused how long a stopped process stays stopped: longer than the hub's node timeout
     */
    SoakInjector(SoakPool pool, Followers followers, Duration paused) {
        this.pool = pool;
        this.followers = followers;
        this.paused = paused;
    }

    @Override
    public String inject(Chaos.Fault fault) {
        return switch (fault.kind()) {
            case WORKER_KILL -> pool.killWorker(fault.target());
            case WORKER_STOP -> SoakPool.pause(pool.worker(fault.target()), paused);
            case CLIENT_KILL -> {
                PoolJvm client = client(fault.target());
                client.killHard();
                yield "killed " + client.name() + " (pid " + client.pid() + "); a new client reattaches";
            }
            case CLIENT_STOP -> SoakPool.pause(client(fault.target()), paused);
            case FLEET_STOP -> SoakPool.pause(pool.fleet(), paused);
            case HUB_KILL -> {
                long pid = pool.hub().jvm().pid();
                pool.hub().killAndRestart();
                yield "killed the hub (pid " + pid + "); restarted as pid " + pool.hub().jvm().pid() + " on the same data directory and port";
            }
            case DATABASE_RESTART -> {
                PrivatePostgres postgres = pool.postgres().orElseThrow(() -> new IllegalStateException("no database of the soak's own to restart"));
                postgres.restart();
                yield "restarted PostgreSQL on port " + postgres.port() + " (pg_ctl restart -m fast)";
            }
        };
    }

    /**
     * The client process of a slot, or of the next slot that has one when that slot is between jobs (its job could
     * not be submitted while the hub was down, say), waiting a little for one.
     */
    private PoolJvm client(int slot) {
        long deadline = System.nanoTime() + CLIENT_WAIT.toNanos();
        while (true) {
            for (int i = 0; i < followers.slots(); i++) {
                Optional<PoolJvm> p = followers.process(slot + i);
                if (p.isPresent() && p.get().exitCode().isEmpty()) {
                    return p.get();
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no client process was following a job in any of the " + followers.slots() + " slots for "
                        + CLIENT_WAIT.toSeconds() + " s");
            }
            LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
        }
    }
}
