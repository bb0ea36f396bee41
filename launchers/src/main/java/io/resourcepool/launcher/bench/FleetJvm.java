package io.resourcepool.launcher.bench;

import io.resourcepool.core.client.PoolClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One process of simulated workers ({@link FleetProcess}, {@code pool bench fleet-process}) for the soak and the fleet
 * bench: a join token made for each worker by the hub's admin, handed over in a file that is deleted once the fleet
 * is up.
 */
final class FleetJvm {
    private static final Pattern FLEET_UP = Pattern.compile("fleet: (\\d+) workers registered\\n");
    private static final Duration START = Duration.ofMinutes(3);
    /** Each simulated worker makes a key, enrols and connects: on a busy two-core machine a few a second. */
    private static final Duration PER_WORKER = Duration.ofMillis(600);

    private final PoolJvm jvm;
    private final Path tokens;
    private final int count;

    private FleetJvm(PoolJvm jvm, Path tokens, int count) {
        this.jvm = jvm;
        this.tokens = tokens;
        this.count = count;
    }

    /**
     * Makes the join tokens and starts the process; it enrols and connects its workers on its own.
     *
     * @param name the process's name and log file's, also the folder of its workers' data under {@code dir}
     * @param dir the scratch directory
     * @param heap its maximum heap
     * @param hub the hub the workers join
     * @param admin a connection of the hub's admin, to make the join tokens
     * @param count workers
     * @param owner the pool user whose jobs the workers run
     * @return the process, starting
     */
    static FleetJvm launch(String name, Path dir, String heap, HubProcess hub, PoolClient admin, int count, String owner) throws IOException {
        return launch(name, dir, heap, hub.hostPort(), hub.fingerprint(), admin, count, owner);
    }

    /** A fleet whose workers know several hubs ({@code host:port,host:port}), each listing them from another. */
    static FleetJvm launch(String name, Path dir, String heap, String hubs, String fingerprint, PoolClient admin, int count, String owner)
            throws IOException {
        Path tokens = dir.resolve(name + ".tokens");
        Duration validity = patience(count).plus(Duration.ofMinutes(30));
        List<String> lines = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            lines.add(admin.admin().createJoinToken(validity).token().reveal());
        }
        Files.write(tokens, lines);
        PoolJvm jvm = PoolJvm.start(name, dir, heap, Map.of(), List.of("bench", "fleet-process", "--hub", hubs,
                "--ca-fingerprint", fingerprint, "--join-tokens", tokens.toString(), "--data-dir", dir.resolve(name).toString(),
                "--owner", owner));
        return new FleetJvm(jvm, tokens, count);
    }

    private static Duration patience(int count) {
        return START.plus(PER_WORKER.multipliedBy(count));
    }

    /**
     * Waits until every worker of the process enrolled and registered (or gave up), then deletes the join tokens.
     *
     * @return how many registered
     */
    int awaitRegistered() {
        int registered = Integer.parseInt(jvm.await(FLEET_UP, 0, patience(count)).group(1));
        try {
            Files.delete(tokens);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the fleet's join tokens " + tokens, e);
        }
        return registered;
    }

    PoolJvm jvm() {
        return jvm;
    }
}
