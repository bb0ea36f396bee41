package io.resourcepool.launcher.bench;

import io.resourcepool.api.Role;
import io.resourcepool.core.client.PoolClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The soak's pool, every part in a process of its own: a hub (on SQLite, or on a PostgreSQL of the soak's own), real
 * workers with the process sandbox, and a simulated fleet in one more process. It starts them, restarts them when
 * the chaos kills them, and stops everything it started.
 */
final class SoakPool implements AutoCloseable {

    private final Path dir;
    private final Optional<PrivatePostgres> postgres;
    private final HubProcess hub;
    private final List<PoolJvm> workers = new ArrayList<>();
    private PoolJvm fleet;
    private int fleetSize;

    private SoakPool(Path dir, Optional<PrivatePostgres> postgres, HubProcess hub) {
        this.dir = dir;
        this.postgres = postgres;
        this.hub = hub;
    }

    /**
     * Starts a database if asked, the hub, the soak's user, the real workers and the fleet.
     *
     * @param dir the scratch directory
     * @param postgresStore whether the hub keeps its state in a PostgreSQL of the soak's own (else SQLite)
     * @param workerCount real workers
     * @param fleetCount simulated workers
     * @return the running pool
     */
    static SoakPool start(Path dir, boolean postgresStore, int workerCount, int fleetCount) throws IOException {
        Optional<PrivatePostgres> postgres = postgresStore ? Optional.of(PrivatePostgres.start(dir.resolve("postgres"))) : Optional.empty();
        SoakPool pool = null;
        try {
            HubProcess hub = HubProcess.start(dir, postgres.map(PrivatePostgres::storeSettings).orElse(Map.of()));
            pool = new SoakPool(dir, postgres, hub);
            try (PoolClient admin = hub.admin()) {
                admin.admin().addUser(SoakClients.USER, Role.COMPUTE_USER, SoakClients.PASSWORD);
                for (int i = 0; i < workerCount; i++) {
                    pool.startWorker(admin, i);
                }
                pool.startFleet(admin, fleetCount);
            }
            return pool;
        } catch (RuntimeException | IOException e) {
            if (pool != null) {
                pool.close();
            } else {
                postgres.ifPresent(PrivatePostgres::close);
            }
            throw e;
        }
    }

    private void startWorker(PoolClient admin, int index) throws IOException {
        Path token = dir.resolve("worker-" + index + ".token");
        Files.writeString(token, admin.admin().createJoinToken(Duration.ofMinutes(10)).token().reveal());
        workers.add(launchWorker(index, Optional.of(token)));
    }

    private PoolJvm launchWorker(int index, Optional<Path> token) {
        return RealWorker.launch(dir, index, hub.hostPort(), hub.fingerprint(), token);
    }

    private void startFleet(PoolClient admin, int count) throws IOException {
        FleetJvm started = FleetJvm.launch("fleet", dir, "1g", hub, admin, count, SoakClients.USER);
        fleet = started.jvm();
        fleetSize = started.awaitRegistered();
    }

    /** SIGKILL of a real worker, then the same worker started again (it is enrolled: no token this time). */
    String killWorker(int index) {
        PoolJvm worker = workers.get(index);
        worker.killHard();
        String name = worker.name() + " (pid " + worker.pid() + ")";
        PoolJvm again = launchWorker(index, Optional.empty());
        workers.set(index, again);
        return "killed " + name + "; restarted as pid " + again.pid();
    }

    /** SIGSTOP of a process for a while, then SIGCONT. */
    static String pause(PoolJvm process, Duration pause) {
        process.signal("STOP");
        try {
            Thread.sleep(pause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            process.signal("CONT");
        }
        return "stopped " + process.name() + " (pid " + process.pid() + ") for " + pause.toSeconds() + " s, then resumed";
    }

    HubProcess hub() {
        return hub;
    }

    PoolJvm worker(int index) {
        return workers.get(index);
    }

    int workerCount() {
        return workers.size();
    }

    PoolJvm fleet() {
        return fleet;
    }

    int fleetSize() {
        return fleetSize;
    }

    Optional<PrivatePostgres> postgres() {
        return postgres;
    }

    Path dir() {
        return dir;
    }

    /** Stops the fleet and the workers, leaving the hub (and its database) for the checks. */
    void stopWorkers() {
        Optional.ofNullable(fleet).ifPresent(f -> f.stop(Duration.ofSeconds(30)));
        workers.forEach(w -> w.stop(Duration.ofSeconds(30)));
    }

    /** Stops everything still running: the fleet, the workers, the hub and the database. */
    @Override
    public void close() {
        try {
            stopWorkers();
            hub.close();
        } finally {
            postgres.ifPresent(PrivatePostgres::close);
        }
    }
}
