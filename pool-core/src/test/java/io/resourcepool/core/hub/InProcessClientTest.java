package io.resourcepool.core.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.resourcepool.api.AuthenticationException;
import io.resourcepool.api.BusyException;
import io.resourcepool.api.PermissionDeniedException;
import io.resourcepool.api.Role;
import io.resourcepool.api.Secret;
import io.resourcepool.api.TransportException;
import io.resourcepool.api.spi.store.AuditQuery;
import io.resourcepool.core.auth.RateLimits;
import io.resourcepool.api.spi.transport.PeerCertificate;
import io.resourcepool.core.client.HubLink;
import io.resourcepool.core.client.PoolClient;
import io.resourcepool.core.protocol.MessageCodec;
import io.resourcepool.core.protocol.NodeMessage;
import io.resourcepool.core.protocol.WireResources;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clients inside the hub's process (for gateways such as the HTTP API) meet the same checks as network ones,
 * under the peer address the gateway names: audit rows carry it, and the per-address limit counts it alone.
 */
class InProcessClientTest {
    private static final Secret CARL_PASSWORD = Secret.of("carl-password-1");
    private static final WireResources WIRE_RESOURCES = new WireResources(2, 0, 1L << 30, 1L << 29, 1L << 32, 1L << 31, List.of(), List.of());

    @TempDir
    Path dataDir;

    private TlsHubFixture fixture;

    @BeforeEach
    void startHub() {
        fixture = TlsHubFixture.configured(dataDir, c -> c.withRateLimits(RateLimits.defaults().withLoginFailures(2, Duration.ofMinutes(15))));
        try (PoolClient admin = fixture.admin()) {
            admin.admin().addUser("carl", Role.VIEWER, CARL_PASSWORD);
        }
    }

    @AfterEach
    void stopHub() throws Exception {
        fixture.close();
    }

    private PoolClient from(String address) {
        return fixture.track(PoolClient.over(fixture.hub.connectInProcess(address), fixture.hub.maxFrameBytes()));
    }

    @Test
    void loginIsAuditedUnderTheGatewaysPeerAddress() {
        from("203.0.113.9:51234").login("carl", CARL_PASSWORD);

        assertThat(fixture.store.audit().list(new AuditQuery(Optional.empty(), Optional.of("login.succeeded"), Optional.empty(), 10)))
                .anySatisfy(row -> assertThat(row.event().sourceAddress()).isEqualTo("203.0.113.9:51234"));
    }

    @Test
    void rolesAreCheckedAsForNetworkClients() {
        PoolClient carl = from("203.0.113.9:51234").login("carl", CARL_PASSWORD);

        assertThat(carl.nodes()).isEmpty();
        assertThatThrownBy(() -> carl.admin().users()).isInstanceOf(PermissionDeniedException.class).hasMessageContaining("needs the admin role");
    }

    @Test
    void failedLoginsCountAgainstThatAddressOnly() {
        for (int i = 0; i < 2; i++) {
            PoolClient stranger = from("198.51.100.7:40000");
            assertThatThrownBy(() -> stranger.login("carl", Secret.of("wrong-password"))).isInstanceOf(AuthenticationException.class);
        }

        assertThatThrownBy(() -> from("198.51.100.7:40001").login("carl", CARL_PASSWORD)).isInstanceOf(BusyException.class);
        assertThat(from("203.0.113.9:51234").login("carl", CARL_PASSWORD).role()).contains(Role.VIEWER);
    }

    @Test
    void anInProcessWorkerIsRefusedUnlessItsCertificateIsTheOneTheHubIssuedTheNode() {
        PeerCertificate unknown = new PeerCertificate("never-enrolled-1a2b", "abc123");
        try (HubLink worker = HubLink.open(fixture.hub.connectWorkerInProcess("203.0.113.9:51234", unknown),
                MessageCodec.shared(fixture.hub.maxFrameBytes()), "worker", "test", message -> { })) {
            assertThat(worker.challenge().authMethods()).containsExactly("certificate");
            assertThatThrownBy(() -> worker.call(id -> new NodeMessage.Register(id, "host", WIRE_RESOURCES, Map.of(), "test", List.of(), false),
                    NodeMessage.HeartbeatAck.class, Duration.ofSeconds(30)))
                    .isInstanceOf(AuthenticationException.class).hasMessageContaining("not recognised");
        }
    }

    @Test
    void stoppingTheHubClosesInProcessClients() {
        PoolClient carl = from("203.0.113.9:51234").login("carl", CARL_PASSWORD);

        fixture.hub.close();

        assertThatThrownBy(carl::nodes).isInstanceOf(TransportException.class);
        assertThatThrownBy(() -> fixture.hub.connectInProcess("203.0.113.9:1")).isInstanceOf(IllegalStateException.class);
    }
}
