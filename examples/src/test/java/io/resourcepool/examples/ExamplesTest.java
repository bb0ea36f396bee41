package io.resourcepool.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.resourcepool.api.AuthenticationException;
import io.resourcepool.api.Bytes;
import io.resourcepool.api.JobState;
import io.resourcepool.api.Role;
import io.resourcepool.api.Secret;
import io.resourcepool.api.spi.ProviderConfig;
import io.resourcepool.api.spi.Providers;
import io.resourcepool.api.spi.probe.ResourceProbe;
import io.resourcepool.api.spi.probe.ResourceProbeProvider;
import io.resourcepool.api.spi.transport.CertificateFingerprint;
import io.resourcepool.core.auth.FirstAdmin;
import io.resourcepool.core.auth.PasswordHasher;
import io.resourcepool.core.client.JoinTokenGrant;
import io.resourcepool.core.client.PoolClient;
import io.resourcepool.core.hub.Hub;
import io.resourcepool.core.hub.HubBuilder;
import io.resourcepool.examples.CustomScheduler.Placement;
import io.resourcepool.examples.JoinAWorker.JoinedWorker;
import io.resourcepool.examples.RunACommand.Runs;
import io.resourcepool.transport.tls.PeerTrust;
import io.resourcepool.transport.tls.TlsTransport;
import io.resourcepool.transport.tls.TlsTransportConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs every example end to end: real TLS on loopback, SQLite files in a temporary directory, real processes.
 * Only the bcrypt cost is lowered, through the hook the examples offer for swapping hub parts.
 */
class ExamplesTest {
    private static final Secret ADMIN_PASSWORD = Secret.of("admin-password-for-examples");

    private static PasswordHasher hasher;

    // What the examples' hub hook is for: the production cost (12) would make each login take a quarter second.
    private static final Consumer<HubBuilder> CHEAP_BCRYPT = builder -> builder.passwordHasher(hasher);

    @TempDir
    Path dir;

    @org.junit.jupiter.api.BeforeEach
    void passableLikeVarLib() throws java.io.IOException {
        // a root worker's jobs, under uids of their own, go through it to their work directories
        java.nio.file.Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwx--x--x"));
    }

    @BeforeAll
    static void startCheapHasher() {
        hasher = PasswordHasher.insecureForTesting(4, 2, 16);
    }

    @AfterAll
    static void stopHasher() {
        hasher.close();
    }

    @Test
    void embeddedHubListensOnLoopbackAndTheAdminLogsInOverTlsPinnedToItsCa() {
        try (EmbeddedHub hub = EmbeddedHub.start(dir, ADMIN_PASSWORD, CHEAP_BCRYPT);
             TlsTransport tls = pinnedTo(hub);
             PoolClient admin = PoolClient.connect(tls, hub.address()).login(FirstAdmin.USERNAME, ADMIN_PASSWORD)) {
            assertThat(hub.address().getAddress().isLoopbackAddress()).isTrue();
            assertThat(hub.address().getPort()).isPositive();
            assertThat(admin.role()).contains(Role.ADMIN);
            assertThat(Files.exists(dir.resolve("pool.db"))).as("the SQLite file in the data directory").isTrue();
        }
    }

    @Test
    void embeddedHubKeepsItsCaAndAdminAcrossRestarts() {
        String first;
        try (EmbeddedHub hub = EmbeddedHub.start(dir, ADMIN_PASSWORD, CHEAP_BCRYPT)) {
            first = hub.caFingerprint();
        }
        // The password given on a later start is not used: admin exists already.
        try (EmbeddedHub hub = EmbeddedHub.start(dir, Secret.of("another-password"), CHEAP_BCRYPT);
             TlsTransport tls = pinnedTo(hub);
             PoolClient admin = PoolClient.connect(tls, hub.address()).login(FirstAdmin.USERNAME, ADMIN_PASSWORD)) {
            assertThat(hub.caFingerprint()).isEqualTo(first);
            assertThat(admin.role()).contains(Role.ADMIN);
        }
    }

    @Test
    void aWorkerJoinsWithAJoinTokenAndTheAdminSeesItOnline() {
        try (EmbeddedHub hub = EmbeddedHub.start(dir.resolve("hub"), ADMIN_PASSWORD, CHEAP_BCRYPT);
             JoinedWorker worker = JoinAWorker.join(hub, ADMIN_PASSWORD, dir.resolve("worker"), "example-worker");
             TlsTransport tls = pinnedTo(hub);
             PoolClient admin = PoolClient.connect(tls, hub.address()).login(FirstAdmin.USERNAME, ADMIN_PASSWORD)) {
            assertThat(worker.node().value()).startsWith("example-worker-");
            assertThat(admin.nodes()).singleElement().satisfies(node -> {
                assertThat(node.id()).isEqualTo(worker.node());
                assertThat(node.online()).isTrue();
                assertThat(node.resources().logicalCpus()).isEqualTo(Runtime.getRuntime().availableProcessors());
            });
        }
    }

    @Test
    void aJoinTokenEnrollsOneMachineOnly() {
        try (EmbeddedHub hub = EmbeddedHub.start(dir.resolve("hub"), ADMIN_PASSWORD, CHEAP_BCRYPT)) {
            JoinTokenGrant grant = JoinAWorker.createJoinToken(hub, ADMIN_PASSWORD);
            try (JoinedWorker first = JoinAWorker.startWorker(hub.address(), grant, dir.resolve("first"), "first", fixedProbe())) {
                assertThat(first.node().value()).startsWith("first-");
                assertThatThrownBy(() -> JoinAWorker.startWorker(hub.address(), grant, dir.resolve("second"), "second", fixedProbe()))
                        .isInstanceOf(AuthenticationException.class)
                        .hasMessageContaining("already used");
            }
        }
    }

    @Test
    void runACommandEchoesOnTheNamedNodeAndReportsTheOtherCommandsExitCode() {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        Secret alicePassword = Secret.of("alice-password-for-examples");
        Runs runs;
        String node;
        try (EmbeddedHub hub = EmbeddedHub.start(dir.resolve("hub"), ADMIN_PASSWORD, CHEAP_BCRYPT);
             JoinedWorker worker = JoinAWorker.join(hub, ADMIN_PASSWORD, dir.resolve("worker"), "example-worker")) {
            RunACommand.addComputeUser(hub, ADMIN_PASSWORD, "alice", alicePassword);
            runs = RunACommand.run(hub, "alice", alicePassword, worker.node(), new PrintStream(printed, true, StandardCharsets.UTF_8));
            node = worker.node().value();
        }
        assertThat(runs.onNamedNode().state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(runs.onNamedNode().exitCode()).contains(0);
        assertThat(runs.onNamedNode().stdout()).isEqualTo(Bytes.utf8("hello from the pool\n"));
        assertThat(runs.onNamedNode().node().orElseThrow().value()).isEqualTo(node);
        assertThat(runs.onChosenNode().state()).isEqualTo(JobState.FAILED);
        assertThat(runs.onChosenNode().exitCode()).contains(3);
        assertThat(runs.onChosenNode().stdout()).isEqualTo(Bytes.utf8("to stdout\n"));
        assertThat(runs.onChosenNode().stderr()).isEqualTo(Bytes.utf8("to stderr\n"));
        assertThat(printed.toString(StandardCharsets.UTF_8))
                .contains("$ echo 'hello from the pool'\nhello from the pool\n[SUCCEEDED, exit code 0, on node " + node + "]")
                .contains("to stdout\n", "to stderr\n", "[FAILED, exit code 3, on node " + node + "]");
    }

    @Test
    void theCustomSchedulerSendsTheJobToTheNodeWithTheMostFreeMemory() {
        // least-loaded, the default, would pick the cramped node: its memory is fuller in absolute terms but
        // emptier in proportion (1 - 3/4 against 1 - 8/64). So this fails if the builder ignored our scheduler.
        Placement placement = CustomScheduler.run(dir, CHEAP_BCRYPT);

        assertThat(placement.job().state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(placement.job().node()).contains(placement.roomy());
        assertThat(placement.roomy()).isNotEqualTo(placement.cramped());
    }

    private static TlsTransport pinnedTo(EmbeddedHub hub) {
        return new TlsTransport(TlsTransportConfig.client(PeerTrust.pinned(CertificateFingerprint.parse(hub.caFingerprint()))));
    }

    private ResourceProbe fixedProbe() {
        return Providers.select(ResourceProbeProvider.class, "fixed").create(new ProviderConfig("fixed", "probe", dir,
                Map.of("cpus", "1", "memory-bytes", "1g")));
    }
}
