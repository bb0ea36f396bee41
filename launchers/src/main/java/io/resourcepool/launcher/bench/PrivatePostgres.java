package io.resourcepool.launcher.bench;

import io.resourcepool.api.ConfigurationException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A PostgreSQL cluster of the soak's own, made with {@code initdb} in the scratch directory and run with
 * {@code pg_ctl} on a free loopback port, so the soak can restart it without touching the machine's shared server.
 * PostgreSQL refuses to run as root: when the soak is root, the cluster runs as the {@code postgres} OS user.
 */
final class PrivatePostgres implements AutoCloseable {
    private static final Path INSTALLATIONS = Path.of("/usr/lib/postgresql");
    private static final String SERVICE_USER = "postgres";

    private final Path bin;
    private final Path data;
    private final int port;

    private PrivatePostgres(Path bin, Path data, int port) {
        this.bin = bin;
        this.data = data;
        this.port = port;
    }

    /**
     * The newest {@code bin} directory under {@code /usr/lib/postgresql} that holds {@code initdb} and {@code pg_ctl}.
     *
     * @return it, or empty when PostgreSQL's server programs are not installed
     */
    static Optional<Path> installation() {
        if (!Files.isDirectory(INSTALLATIONS)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(INSTALLATIONS)) {
            return versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("initdb")) && Files.isExecutable(b.resolve("pg_ctl")))
                    .max(Comparator.comparing(PrivatePostgres::version));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + INSTALLATIONS, e);
        }
    }

    /**
     * The installation to run, or a clear refusal.
     *
     * @return the {@code bin} directory
     * @throws ConfigurationException when initdb is not installed
     */
    static Path requireInstallation() {
        return installation().orElseThrow(() -> new ConfigurationException("--store postgres needs PostgreSQL's server programs (initdb and"
                + " pg_ctl under " + INSTALLATIONS + "/VERSION/bin), to run a database of its own that it can restart; none were found."
                + " Install the postgresql package, or run the soak with --store sqlite"));
    }

    private static int version(Path bin) {
        String name = bin.getParent().getFileName().toString();
        return name.matches("\\d+") ? Integer.parseInt(name) : 0;
    }

    /**
     * Makes a cluster in {@code dir} (trust authentication, loopback only, no fsync: it is thrown away) and starts it.
     *
     * @param dir an empty directory of the soak's
     * @return the running cluster
     * @throws ConfigurationException when initdb is not installed
     */
    static PrivatePostgres start(Path dir) {
        Path bin = requireInstallation();
        try {
            Files.createDirectories(dir);
            if (isRoot()) {
                Signals.run(List.of("chown", SERVICE_USER + ":", dir.toString()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make " + dir, e);
        }
        PrivatePostgres pg = new PrivatePostgres(bin, dir.resolve("data"), freePort());
        pg.run("initdb", "-D", pg.data.toString(), "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8");
        pg.run("pg_ctl", "-D", pg.data.toString(), "-l", dir.resolve("postgres.log").toString(), "-w", "-t", "60", "-o",
                "-p " + pg.port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200", "start");
        return pg;
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static int freePort() {
        try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find a free port on loopback", e);
        }
    }

    private String run(String program, String... args) {
        List<String> command = new ArrayList<>();
        if (isRoot()) {
            command.addAll(List.of("runuser", "-u", SERVICE_USER, "--"));
        }
        command.add(bin.resolve(program).toString());
        command.addAll(List.of(args));
        return Signals.run(command);
    }

    /** Restarts the server as an operator would ({@code pg_ctl restart -m fast}): every connection is cut. */
    void restart() {
        // the log file again: without it the server would write to our pipe, which would then never close
        run("pg_ctl", "-D", data.toString(), "-l", data.resolveSibling("postgres.log").toString(), "-m", "fast", "-w", "-t", "60", "restart");
    }

    /**
     * The hub's settings for this database.
     *
     * @return {@code store.*} settings
     */
    Map<String, String> storeSettings() {
        return Map.of("store.type", "jdbc", "store.url", "jdbc:postgresql://127.0.0.1:" + port + "/postgres", "store.user", "postgres");
    }

    int port() {
        return port;
    }

    /** Stops the server at once; its files go with the scratch directory. */
    @Override
    public void close() {
        run("pg_ctl", "-D", data.toString(), "-m", "immediate", "-w", "stop");
    }
}
