package io.resourcepool.core.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.resourcepool.api.AuthenticationException;
import io.resourcepool.api.JobSpec;
import io.resourcepool.api.NodeId;
import io.resourcepool.api.NotFoundException;
import io.resourcepool.api.PermissionDeniedException;
import io.resourcepool.api.PoolException;
import io.resourcepool.api.Role;
import io.resourcepool.api.Secret;
import io.resourcepool.api.spi.store.AuditQuery;
import io.resourcepool.core.client.PoolClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClientConversationTest {
    @TempDir
    Path dataDir;

    private LoopbackHubFixture fixture;

    @BeforeEach
    void startHub() {
        fixture = new LoopbackHubFixture(dataDir);
    }

    @AfterEach
    void stopHub() {
        fixture.close();
    }

    @Test
    void firstStartMadeTheAdminWhoSeesAnEmptyPool() {
        try (PoolClient admin = fixture.admin()) {
            assertThat(admin.role()).contains(Role.ADMIN);
            assertThat(admin.nodes()).isEmpty();
            assertThat(admin.aggregate().onlineNodes()).isZero();
            assertThat(admin.aggregate().computedAt()).isEqualTo(fixture.clock.instant());
        }
    }

    @Test
    void wrongPasswordIsRefusedAndTheConnectionMayTryAgain() {
        try (PoolClient client = fixture.connect()) {
            assertThatThrownBy(() -> client.login("admin", Secret.of("wrong-password")))
                    .isInstanceOf(AuthenticationException.class).hasMessageContaining("login failed");
            client.login("admin", LoopbackHubFixture.ADMIN_PASSWORD);
            assertThat(client.aggregate().onlineNodes()).isZero();
        }
    }

    @Test
    void sessionResumesOnANewConnectionWithoutThePassword() {
        Secret token;
        try (PoolClient first = fixture.admin()) {
            token = first.sessionToken().orElseThrow();
        }
        try (PoolClient second = fixture.connect().resume(token)) {
            assertThat(second.admin().users()).extracting(u -> u.username()).contains("admin");
        }
    }

    @Test
    void forgedSessionTokenIsRefused() {
        Secret token;
        try (PoolClient first = fixture.admin()) {
            token = first.sessionToken().orElseThrow();
        }
        String forged = token.reveal().substring(0, token.reveal().length() - 2) + (token.reveal().endsWith("A") ? "BB" : "AA");
        try (PoolClient client = fixture.connect()) {
            assertThatThrownBy(() -> client.resume(Secret.of(forged))).isInstanceOf(AuthenticationException.class);
        }
    }

    @Test
    void expiredSessionIsRefusedOnTheNextRequest() {
        try (PoolClient admin = fixture.admin()) {
            fixture.clock.advance(Duration.ofHours(2));
            assertThatThrownBy(admin::nodes).isInstanceOf(AuthenticationException.class).hasMessageContaining("expired");
        }
    }

    @Test
    void requestsBeforeLoginAreRefusedAndCloseTheConnection() {
        try (PoolClient client = fixture.connect()) {
            assertThatThrownBy(client::nodes).isInstanceOf(PoolException.class).hasMessageContaining("LOGIN or RESUME first");
        }
        try (PoolClient other = fixture.admin()) {
            assertThat(other.nodes()).isEmpty();
        }
    }

    @Test
    void viewerReadsThePoolButMayNotRunOrAdminister() {
        try (PoolClient admin = fixture.admin()) {
            admin.admin().addUser("vera", Role.VIEWER, Secret.of("viewer-password"));
        }
        try (PoolClient vera = fixture.connect().login("vera", Secret.of("viewer-password"))) {
            assertThat(vera.aggregate().onlineNodes()).isZero();
            assertThatThrownBy(() -> vera.run(JobSpec.of("true")))
                    .isInstanceOf(PermissionDeniedException.class).hasMessageContaining("needs the compute-user role; vera has viewer");
            assertThatThrownBy(() -> vera.admin().users()).isInstanceOf(PermissionDeniedException.class).hasMessageContaining("admin role");
            assertThat(vera.nodes()).isEmpty();
        }
    }

    @Test
    void runOnAnUnknownNodeNamesTheNode() {
        try (PoolClient admin = fixture.admin()) {
            assertThatThrownBy(() -> admin.run(NodeId.of("nowhere-1"), List.of("true")))
                    .isInstanceOf(NotFoundException.class).hasMessageContaining("unknown node 'nowhere-1'");
            assertThat(admin.nodes()).isEmpty();
        }
    }

    @Test
    void duplicateUserAndBadRoleAreClearErrors() {
        try (PoolClient admin = fixture.admin()) {
            admin.admin().addUser("bob", Role.COMPUTE_USER, Secret.of("bob-password"));
            assertThatThrownBy(() -> admin.admin().addUser("bob", Role.VIEWER, Secret.of("bob-password")))
                    .isInstanceOf(PoolException.class).hasMessageContaining("already exists");
            assertThatThrownBy(() -> admin.admin().addUser("carl", Role.VIEWER, Secret.of("short")))
                    .isInstanceOf(PoolException.class).hasMessageContaining("8");
            assertThat(admin.admin().users()).extracting(u -> u.username()).containsExactly("admin", "bob");
        }
    }

    @Test
    void joinTokensNeedACertificateAuthority() {
        try (PoolClient admin = fixture.admin()) {
            assertThatThrownBy(() -> admin.admin().createJoinToken(Duration.ofMinutes(10)))
                    .isInstanceOf(PermissionDeniedException.class).hasMessageContaining("certificate authority");
        }
    }

    @Test
    void logoutEndsTheSessionEverywhere() {
        Secret token;
        try (PoolClient admin = fixture.admin()) {
            token = admin.sessionToken().orElseThrow();
            admin.logout();
        }
        try (PoolClient again = fixture.connect()) {
            assertThatThrownBy(() -> again.resume(token)).isInstanceOf(AuthenticationException.class);
        }
        assertThat(fixture.store.audit().list(AuditQuery.latest(50))).extracting(e -> e.event().action())
                .contains("login.succeeded", "logout");
    }

    @Test
    void anOpenConnectionMayLogInAgainAndAFailedAttemptEndsItsSession() {
        try (PoolClient admin = fixture.admin()) {
            admin.admin().addUser("dana", Role.VIEWER, Secret.of("dana-password"));
        }
        try (PoolClient client = fixture.admin()) {
            client.login("dana", Secret.of("dana-password"));
            assertThat(client.role()).contains(Role.VIEWER);
            assertThatThrownBy(() -> client.admin().users()).isInstanceOf(PermissionDeniedException.class);
            assertThatThrownBy(() -> client.login("admin", Secret.of("wrong-password"))).isInstanceOf(AuthenticationException.class);
            assertThatThrownBy(client::nodes).isInstanceOf(PoolException.class).hasMessageContaining("LOGIN or RESUME first");
        }
    }
}
