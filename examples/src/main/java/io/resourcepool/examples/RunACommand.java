package io.resourcepool.examples;

import io.resourcepool.api.JobSpec;
import io.resourcepool.api.NodeId;
import io.resourcepool.api.NodeSelector;
import io.resourcepool.api.Role;
import io.resourcepool.api.Secret;
import io.resourcepool.api.spi.transport.CertificateFingerprint;
import io.resourcepool.core.auth.FirstAdmin;
import io.resourcepool.core.client.PoolClient;
import io.resourcepool.core.client.RunResult;
import io.resourcepool.examples.JoinAWorker.JoinedWorker;
import io.resourcepool.transport.tls.PeerTrust;
import io.resourcepool.transport.tls.TlsTransport;
import io.resourcepool.transport.tls.TlsTransportConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Example 3: a person runs commands on the pool through {@link PoolClient}: one on a node they name, one
 * wherever the hub's scheduler puts it. Output streams back while the command runs; the result carries the
 * state, the exit code and the node.
 */
public final class RunACommand {
    private RunACommand() {}

    /**
     * What the two commands gave.
     *
     * @param onNamedNode {@code echo}, run on the node named
     * @param onChosenNode a shell command that writes to both streams and exits with 3, run where the scheduler chose
     */
    public record Runs(RunResult onNamedNode, RunResult onChosenNode) {}

    /**
     * Starts a hub and a worker in a temporary directory, adds a user, and runs the commands as that user.
     *
     * @param args not used
     * @throws IOException when the temporary directory cannot be made
     */
    public static void main(String[] args) throws IOException {
        Path dir = ScratchDirectory.create("resourcepool-run-");
        Secret adminPassword = Secret.of(UUID.randomUUID().toString()); // throwaways, for this run only
        Secret alicePassword = Secret.of(UUID.randomUUID().toString());
        try (EmbeddedHub hub = EmbeddedHub.start(dir.resolve("hub"), adminPassword);
             JoinedWorker worker = JoinAWorker.join(hub, adminPassword, dir.resolve("worker"), "example-worker")) {
            addComputeUser(hub, adminPassword, "alice", alicePassword);
            run(hub, "alice", alicePassword, worker.node(), System.out);
        }
    }

    /**
     * Logs in and runs the two commands, printing their output as it comes and how each ended.
     *
     * @param hub the hub
     * @param username who runs them
     * @param password their password
     * @param node the node to run {@code echo} on
     * @param out where output and outcomes are printed
     * @return both results
     */
    public static Runs run(EmbeddedHub hub, String username, Secret password, NodeId node, PrintStream out) {
        // A client trusts the hub only by the CA fingerprint it was given: no system trust store is involved.
        try (TlsTransport tls = new TlsTransport(TlsTransportConfig.client(PeerTrust.pinned(CertificateFingerprint.parse(hub.caFingerprint()))));
             PoolClient pool = PoolClient.connect(tls, hub.address()).login(username, password)) {
            RunResult echo = show(pool, JobSpec.of("echo", "hello from the pool").withTarget(NodeSelector.named(node)), out);
            // Commands run without a shell; ask for one explicitly when you want its syntax.
            RunResult anywhere = show(pool, JobSpec.of("sh", "-c", "echo to stdout; echo to stderr >&2; exit 3"), out);
            return new Runs(echo, anywhere);
        }
    }

    /**
     * The admin adds a person. Jobs run under their own {@code compute-user} account, which may run commands
     * and see its own jobs but administer nothing.
     *
     * @param hub the hub
     * @param adminPassword the admin's password
     * @param username the new user's name
     * @param password the new user's first password
     */
    public static void addComputeUser(EmbeddedHub hub, Secret adminPassword, String username, Secret password) {
        try (TlsTransport tls = new TlsTransport(TlsTransportConfig.client(PeerTrust.pinned(CertificateFingerprint.parse(hub.caFingerprint()))));
             PoolClient admin = PoolClient.connect(tls, hub.address()).login(FirstAdmin.USERNAME, adminPassword)) {
            admin.admin().addUser(username, Role.COMPUTE_USER, password);
        }
    }

    private static RunResult show(PoolClient pool, JobSpec job, PrintStream out) {
        out.println("$ " + job.command().stream().map(arg -> arg.contains(" ") ? "'" + arg + "'" : arg).collect(Collectors.joining(" ")));
        // The sink is called as chunks arrive, on the client's reader thread, stdout and stderr apart. Writing the
        // bytes rather than decoding each chunk keeps a character split across two chunks whole.
        RunResult result = pool.run(job, (channel, chunk) -> chunk.writeTo(out));
        out.println("[" + result.state() + ", exit code " + result.exitCode().map(String::valueOf).orElse("none")
                + ", on node " + result.node().map(NodeId::value).orElse("none") + "]");
        return result;
    }
}
