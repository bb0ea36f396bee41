package io.resourcepool.launcher.bench;

import io.resourcepool.api.NodeId;
import io.resourcepool.api.Role;
import io.resourcepool.core.client.NodeInfo;
import io.resourcepool.core.client.PoolClient;
import io.resourcepool.core.net.HubAddresses;
import io.resourcepool.launcher.hub.HubKeyFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Several hubs, each a process of its own, on one PostgreSQL of the bench's own, sharing their key files and CA as an
 * operator gives them (the first hub's data directory copied before the others start), with real workers that each
 * know every hub, listed from a different one so that they spread, and a simulated fleet (workers that start no
 * process) in one more process, spread the same way. A hub can be killed with SIGKILL and started again.
 */
final class HubsPool implements AutoCloseable {
    private final Path dir;
    private final PrivatePostgres postgres;
    private final List<HubProcess> hubs = new ArrayList<>();
    private final List<PoolJvm> workers = new ArrayList<>();
    private final boolean[] down;
    private PoolJvm fleet;
    private int fleetSize;

    private HubsPool(Path dir, PrivatePostgres postgres, int hubCount) {
        this.dir = dir;
        this.postgres = postgres;
        this.down = new boolean[hubCount];
    }

    /**
     * Starts the database, the hubs, the bench's user and the workers.
     *
     * @param dir the scratch directory
     * @param hubCount how many hubs
     * @param workerCount how many real workers
     * @param fleetCount how many simulated workers, in one more process
     * @param nodeTimeout the hubs' node timeout
     * @return the running pool
     */
    static HubsPool start(Path dir, int hubCount, int workerCount, int fleetCount, Duration nodeTimeout) {
        PrivatePostgres postgres = PrivatePostgres.start(dir.resolve("postgres"));
        HubsPool pool = new HubsPool(dir, postgres, hubCount);
        try {
            for (int i = 0; i < hubCount; i++) {
                Path home = Files.createDirectories(dir.resolve("hub-" + (i + 1)));
                if (i > 0) {
                    HubKeyFiles.copy(dir.resolve("hub-1").resolve("hub"), home.resolve("hub"));
                }
                Map<String, String> settings = new HashMap<>(postgres.storeSettings());
                settings.putAll(Map.of("hub.id", "hub-" + (i + 1), "hub.node-timeout", nodeTimeout.toSeconds() + "s"));
                pool.hubs.add(HubProcess.start(home, settings, "384m"));
            }
            try (PoolClient admin = pool.hubs.getFirst().admin()) {
                admin.admin().addUser(SoakClients.USER, Role.COMPUTE_USER, SoakClients.PASSWORD);
                for (int i = 0; i < workerCount; i++) {
                    Path token = dir.resolve("worker-" + i + ".token");
                    Files.writeString(token, admin.admin().createJoinToken(Duration.ofMinutes(10)).token().reveal());
                    pool.workers.add(RealWorker.launch(dir, i, pool.addresses(i).toString(), pool.fingerprint(), Optional.of(token)));
                }
                if (fleetCount > 0) {
                    FleetJvm started = FleetJvm.launch("fleet", dir, "512m", pool.addresses(0).toString(), pool.fingerprint(), admin, fleetCount,
                            SoakClients.USER);
                    pool.fleet = started.jvm();
                    pool.fleetSize = started.awaitRegistered();
                }
            }
            return pool;
        } catch (IOException e) {
            pool.close();
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    /** Every hub's address, starting with hub {@code first % hubs}, so that the workers and clients using them spread. */
    HubAddresses addresses(int first) {
        List<InetSocketAddress> all = new ArrayList<>();
        for (int i = 0; i < hubs.size(); i++) {
            all.add(hubs.get((first + i) % hubs.size()).address());
        }
        return new HubAddresses(all);
    }

    String fingerprint() {
        return hubs.getFirst().fingerprint();
    }

    int hubCount() {
        return hubs.size();
    }

    /** Real and simulated workers. */
    int workerCount() {
        return workers.size() + fleetSize;
    }

    HubProcess hub(int index) {
        return hubs.get(index);
    }

    /** SIGKILL of a hub. */
    synchronized void kill(int index) {
        hubs.get(index).kill();
        down[index] = true;
    }

    /** The killed hub started again on its data directory and port. */
    void restart(int index) {
        hubs.get(index).restart();
        synchronized (this) {
            down[index] = false;
        }
    }

    /** The nodes online on any hub that is up, as each of them sees the nodes connected to it. */
    Set<NodeId> onlineNodes() {
        Set<NodeId> online = new HashSet<>();
        for (int i = 0; i < hubs.size(); i++) {
            if (isDown(i)) {
                continue;
            }
            try (PoolClient admin = hubs.get(i).admin()) {
                online.addAll(admin.nodes().stream().filter(NodeInfo::online).map(NodeInfo::id).collect(Collectors.toSet()));
            } catch (RuntimeException e) {
                // a hub coming back: the next look asks it again
            }
        }
        return online;
    }

    private synchronized boolean isDown(int index) {
        return down[index];
    }

    /** The first hub's configuration file and data directory, to read the store with after the run. */
    Path hubConfig() {
        return dir.resolve("hub-1").resolve("hub.properties");
    }

    Path hubDataDir() {
        return dir.resolve("hub-1").resolve("hub");
    }

    /** Stops the workers, then the hubs (SIGTERM), keeping the database for a look at what it holds. */
    void stopProcesses() {
        workers.forEach(w -> w.stop(Duration.ofSeconds(20)));
        if (fleet != null) {
            fleet.stop(Duration.ofSeconds(20));
        }
        hubs.forEach(HubProcess::close);
    }

    @Override
    public void close() {
        stopProcesses();
        postgres.close();
    }
}
