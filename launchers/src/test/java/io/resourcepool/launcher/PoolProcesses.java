package io.resourcepool.launcher;

import io.resourcepool.api.Secret;
import io.resourcepool.api.spi.transport.CertificateFingerprint;
import io.resourcepool.core.client.PoolClient;
import io.resourcepool.transport.tls.PeerTrust;
import io.resourcepool.transport.tls.TlsTransport;
import io.resourcepool.transport.tls.TlsTransportConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The {@code pool} hub and worker as processes of their own, as the README's quick start starts them, and what they
 * print that a test waits for.
 */
public final class PoolProcesses {
    /** How long a hub or worker may take to start. */
    public static final Duration START = Duration.ofSeconds(60);
    static final Pattern LISTENING = Pattern.compile("ResourcePool hub listening on (\\S+:\\d+)\\n");
    static final Pattern FINGERPRINT = Pattern.compile("CA fingerprint \\(workers and clients pin it\\): ([0-9a-f:]+)\\n");
    static final Pattern GENERATED_PASSWORD = Pattern.compile("shown only this once:\\n\\n {4}([A-Za-z0-9_-]+)\\n\\nLog in with: ");
    static final Pattern REGISTERED = Pattern.compile("worker registered with hub \\S+ as node (\\S+)\\n");
    private static final Path SETPRIV = Path.of("/usr/bin/setpriv");
    /** The unprivileged user a root test run starts the quick start as. */
    private static final int NOBODY = 65534;

    private PoolProcesses() {}

    /**
     * A hub and a worker that one ordinary user runs: the test's own user when it is not root, {@code nobody} (through
     * {@code setpriv}, on a copy of the class path that user can read) when it is.
     *
     * @param dir a directory for the copy of the class path and the user's home
     * @return the pair, not started
     */
    public static OrdinaryUser ordinaryUser(Path dir) {
        return new OrdinaryUser(dir);
    }

    /** A hub and a worker run by one ordinary user, in that user's home below the test's directory. */
    public static final class OrdinaryUser implements AutoCloseable {
        private final Path dir;
        private final Path home;
        private final boolean root = "root".equals(System.getProperty("user.name"));
        private final List<PoolProcess> started = new ArrayList<>();
        private String hubAddress;
        private String fingerprint;
        private String adminPassword;
        private String node;
        private String classPath;

        private OrdinaryUser(Path dir) {
            this.dir = dir;
            this.home = dir.resolve("home");
        }

        public boolean available() {
            return !root || Files.isExecutable(SETPRIV);
        }

        public String unavailableReason() {
            return "the test runs as root and util-linux setpriv, which starts the hub and worker as nobody, is missing at " + SETPRIV;
        }

        /** Starts the hub, makes a join token as its admin, and starts a worker with it; waits for both. */
        public void startHubAndWorker() throws IOException {
            prepareHome();
            PoolProcess hub = start("hub", "--bind", "127.0.0.1:0", "--data-dir", hubData().toString(), "--set", "auth.bcrypt-cost=10");
            hubAddress = hub.awaitStdout(LISTENING, START).group(1);
            fingerprint = hub.awaitStdout(FINGERPRINT, START).group(1);
            adminPassword = hub.awaitStdout(GENERATED_PASSWORD, START).group(1);
            Path token = home.resolve("join-token");
            Files.writeString(token, joinToken().reveal());
            handOver(token);
            PoolProcess worker = start("worker", "--hub", hubAddress, "--ca-fingerprint", fingerprint, "--join-token-file", token.toString(),
                    "--data-dir", workerData().toString());
            node = worker.awaitStdout(REGISTERED, START).group(1);
        }

        private Secret joinToken() {
            try (TlsTransport tls = new TlsTransport(TlsTransportConfig.client(PeerTrust.pinned(CertificateFingerprint.parse(fingerprint))));
                    PoolClient admin = PoolClient.connect(tls, hubAddress()).login("admin", Secret.of(adminPassword))) {
                return admin.admin().createJoinToken(Duration.ofMinutes(5)).token();
            }
        }

        private void prepareHome() throws IOException {
            Files.createDirectories(home);
            if (root) {
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
                handOver(home);
            }
        }

        /** Gives a file to the ordinary user, owner-only, as if that user had made it. */
        private void handOver(Path file) throws IOException {
            if (root) {
                Files.setAttribute(file, "unix:uid", NOBODY);
                Files.setAttribute(file, "unix:gid", NOBODY);
            }
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(Files.isDirectory(file) ? "rwx------" : "rw-------"));
        }

        private PoolProcess start(String... args) throws IOException {
            List<String> prefix = root ? List.of(SETPRIV.toString(), "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups") : List.of();
            PoolProcess process = PoolProcess.start(prefix, root ? readableClassPath() : System.getProperty("java.class.path"), home,
                    Map.of(), List.of(args));
            started.add(process);
            return process;
        }

        /** The test's class path copied where any user can read it: a root test's jars live below root's own home. */
        private String readableClassPath() throws IOException {
            if (classPath == null) {
                classPath = copyClassPath();
            }
            return classPath;
        }

        private String copyClassPath() throws IOException {
            Path copy = dir.resolve("classpath");
            List<String> entries = new ArrayList<>();
            int index = 0;
            for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
                Path source = Path.of(entry);
                if (!Files.exists(source)) {
                    continue;
                }
                Path target = copy.resolve(index++ + "-" + source.getFileName());
                copyTree(source, target);
                entries.add(target.toString());
            }
            return String.join(java.io.File.pathSeparator, entries);
        }

        private static void copyTree(Path source, Path target) throws IOException {
            try (Stream<Path> paths = Files.walk(source)) {
                for (Path path : (Iterable<Path>) paths::iterator) {
                    Path to = target.resolve(source.relativize(path).toString());
                    Files.createDirectories(Files.isDirectory(path) ? to : to.getParent());
                    if (!Files.isDirectory(path)) {
                        Files.copy(path, to);
                    }
                    Files.setPosixFilePermissions(to, PosixFilePermissions.fromString(Files.isDirectory(path) ? "rwxr-xr-x" : "rw-r--r--"));
                }
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
        }

        public Path hubData() {
            return home.resolve("pool-data").resolve("hub");
        }

        public Path workerData() {
            return home.resolve("pool-data").resolve("worker");
        }

        public InetSocketAddress hubAddress() {
            int colon = hubAddress.lastIndexOf(':');
            return new InetSocketAddress(hubAddress.substring(0, colon), Integer.parseInt(hubAddress.substring(colon + 1)));
        }

        public String fingerprint() {
            return fingerprint;
        }

        public String adminPassword() {
            return adminPassword;
        }

        public String node() {
            return Optional.ofNullable(node).orElseThrow();
        }

        @Override
        public void close() {
            started.forEach(PoolProcess::close);
        }
    }
}
