package io.resourcepool.core.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.resourcepool.api.AuthenticationException;
import io.resourcepool.api.PermissionDeniedException;
import io.resourcepool.api.PoolException;
import io.resourcepool.api.Role;
import io.resourcepool.api.Secret;
import io.resourcepool.api.spi.store.AuditEntry;
import io.resourcepool.api.spi.store.AuditQuery;
import io.resourcepool.core.auth.Authenticator;
import io.resourcepool.core.client.PoolClient;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every request re-reads its session from the store, so an ending anywhere is seen by every open connection. */
class SessionRecheckTest {
    private static final Secret DANA_PASSWORD = Secret.of("dana-password");

    @TempDir
    Path dataDir;

    private LoopbackHubFixture fixture;

    @BeforeEach
    void startHubWithDana() {
        fixture = new LoopbackHubFixture(dataDir);
        try (PoolClient admin = fixture.admin()) {
            admin.admin().addUser("dana", Role.COMPUTE_USER, DANA_PASSWORD);
        }
    }

    @AfterEach
    void stopHub() {
        fixture.close();
    }

    @Test
    void logoutOnOneConnectionEndsTheSessionOnAnother() {
        try (PoolClient first = dana(); PoolClient second = fixture.connect().resume(first.sessionToken().orElseThrow())) {
            assertThat(second.nodes()).isEmpty();
            first.logout();
            assertThatThrownBy(second::nodes).isInstanceOf(AuthenticationException.class).hasMessage(Authenticator.SESSION_ENDED);
            assertThatThrownBy(second::nodes).isInstanceOf(PoolException.class).hasMessageContaining("LOGIN or RESUME first");
        }
        assertThat(actions()).contains("session.request-refused");
    }

    @Test
    void aRemovedUserIsRefusedOnTheirOpenConnection() {
        try (PoolClient dana = dana(); PoolClient admin = fixture.admin()) {
            assertThat(dana.nodes()).isEmpty();
            admin.admin().removeUser("dana");
            assertThatThrownBy(dana::ping).isInstanceOf(AuthenticationException.class).hasMessage(Authenticator.SESSION_ENDED);
        }
    }

    @Test
    void aPasswordChangeEndsTheOtherSessionsAndKeepsTheCallersConnection() {
        try (PoolClient changer = dana(); PoolClient other = dana()) {
            Secret before = changer.sessionToken().orElseThrow();
            changer.changePassword(DANA_PASSWORD, Secret.of("dana-new-password"));
            assertThat(changer.sessionToken().orElseThrow().reveal()).isNotEqualTo(before.reveal());
            assertThat(changer.nodes()).isEmpty();
            assertThatThrownBy(other::nodes).isInstanceOf(AuthenticationException.class).hasMessage(Authenticator.SESSION_ENDED);
        }
        try (PoolClient client = fixture.connect()) {
            assertThatThrownBy(() -> client.login("dana", DANA_PASSWORD)).isInstanceOf(AuthenticationException.class);
            client.login("dana", Secret.of("dana-new-password"));
        }
        assertThat(actions()).containsOnlyOnce("user.password-changed");
    }

    @Test
    void aWrongCurrentPasswordRefusesTheChangeButNotTheSession() {
        try (PoolClient dana = dana()) {
            assertThatThrownBy(() -> dana.changePassword(Secret.of("not-her-password"), Secret.of("dana-new-password")))
                    .isInstanceOf(PermissionDeniedException.class).hasMessage(Authenticator.CHANGE_FAILED);
            assertThat(dana.nodes()).isEmpty();
        }
        assertThat(actions()).contains("password-change.failed").doesNotContain("user.password-changed");
    }

    @Test
    void aWeakNewPasswordIsABadRequest() {
        try (PoolClient dana = dana()) {
            assertThatThrownBy(() -> dana.changePassword(DANA_PASSWORD, Secret.of("short")))
                    .isInstanceOf(PoolException.class).hasMessageContaining("8");
            assertThat(dana.nodes()).isEmpty();
        }
    }

    @Test
    void anAdminRevocationEndsEverySessionOfTheUser() {
        try (PoolClient first = dana(); PoolClient second = dana(); PoolClient admin = fixture.admin()) {
            admin.admin().revokeSessions("dana");
            assertThatThrownBy(first::nodes).isInstanceOf(AuthenticationException.class).hasMessage(Authenticator.SESSION_ENDED);
            assertThatThrownBy(second::nodes).isInstanceOf(AuthenticationException.class).hasMessage(Authenticator.SESSION_ENDED);
            assertThat(admin.nodes()).isEmpty();
        }
        List<AuditEntry> revoked = fixture.store.audit().list(new AuditQuery(Optional.empty(),
                Optional.of("user.sessions-revoked"), Optional.empty(), 10));
        assertThat(revoked).singleElement().satisfies(e -> {
            assertThat(e.event().actor()).isEqualTo("admin");
            assertThat(e.event().target()).isEqualTo("dana");
            assertThat(e.event().detail()).isEqualTo("2 session(s) ended");
        });
    }

    @Test
    void aRoleChangeTakesEffectOnTheNextRequest() {
        try (PoolClient admin = fixture.admin()) {
            admin.admin().addUser("erin", Role.ADMIN, Secret.of("erin-password"));
        }
        try (PoolClient erin = fixture.connect().login("erin", Secret.of("erin-password")); PoolClient admin = fixture.admin()) {
            assertThat(erin.admin().users()).isNotEmpty();
            admin.admin().changeRole("erin", Role.VIEWER);
            assertThatThrownBy(() -> erin.admin().users()).isInstanceOf(PermissionDeniedException.class).hasMessageContaining("erin has viewer");
        }
    }

    private PoolClient dana() {
        return fixture.connect().login("dana", DANA_PASSWORD);
    }

    private List<String> actions() {
        return fixture.store.audit().list(AuditQuery.latest(200)).stream().map(e -> e.event().action()).toList();
    }
}
