package io.resourcepool.core.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.resourcepool.api.AuthenticationException;
import io.resourcepool.api.NotFoundException;
import io.resourcepool.api.PermissionDeniedException;
import io.resourcepool.api.Role;
import io.resourcepool.api.Secret;
import io.resourcepool.api.spi.store.AuditQuery;
import io.resourcepool.api.spi.store.AuditVerification;
import io.resourcepool.core.client.AuditRow;
import io.resourcepool.core.client.PoolClient;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Session revocation, unlocking, removing users, changing roles and the audit log over the wire: admins only. */
class AdminRequestsTest {
    @TempDir
    Path dataDir;

    private LoopbackHubFixture fixture;

    @BeforeEach
    void startHubWithUsers() {
        fixture = new LoopbackHubFixture(dataDir);
        try (PoolClient admin = fixture.admin()) {
            admin.admin().addUser("vera", Role.VIEWER, Secret.of("vera-password"));
            admin.admin().addUser("carl", Role.COMPUTE_USER, Secret.of("carl-password"));
        }
    }

    @AfterEach
    void stopHub() {
        fixture.close();
    }

    @ParameterizedTest
    @EnumSource(value = Role.class, names = {"VIEWER", "COMPUTE_USER"})
    void everyNewAdminRequestIsRefusedToOthersNamingTheRole(Role role) {
        String name = role == Role.VIEWER ? "vera" : "carl";
        try (PoolClient user = fixture.connect().login(name, Secret.of(name + "-password"))) {
            String expected = "needs the admin role; " + name + " has " + role.wireName();
            List<Consumer<PoolClient>> requests = List.of(c -> c.admin().revokeSessions("vera"), c -> c.admin().unlock("vera"),
                    c -> c.admin().audit("", "", 10), c -> c.admin().verifyAudit(), c -> c.admin().removeUser("vera"),
                    c -> c.admin().changeRole(name, Role.ADMIN));
            for (Consumer<PoolClient> request : requests) {
                assertThatThrownBy(() -> request.accept(user)).isInstanceOf(PermissionDeniedException.class).hasMessageContaining(expected);
            }
            assertThat(user.nodes()).isEmpty();
        }
    }

    @Test
    void unlockLetsALockedUserLogInAgain() {
        try (PoolClient stranger = fixture.connect()) {
            for (int i = 0; i < 5; i++) {
                assertThatThrownBy(() -> stranger.login("vera", Secret.of("guessed-password"))).isInstanceOf(AuthenticationException.class);
            }
            assertThatThrownBy(() -> stranger.login("vera", Secret.of("vera-password"))).isInstanceOf(AuthenticationException.class);
        }
        try (PoolClient admin = fixture.admin()) {
            assertThat(admin.admin().users()).filteredOn(u -> u.username().equals("vera")).singleElement().satisfies(u -> assertThat(u.locked()).isTrue());
            admin.admin().unlock("vera");
            assertThat(admin.admin().users()).filteredOn(u -> u.username().equals("vera")).singleElement().satisfies(u -> assertThat(u.locked()).isFalse());
        }
        try (PoolClient vera = fixture.connect().login("vera", Secret.of("vera-password"))) {
            assertThat(vera.nodes()).isEmpty();
        }
        assertThat(fixture.store.audit().list(AuditQuery.latest(100))).filteredOn(e -> e.event().action().equals("user.unlocked"))
                .singleElement().satisfies(e -> assertThat(e.event().target()).isEqualTo("vera"));
    }

    @Test
    void aRoleChangeHoldsOnTheUsersOpenConnectionAndARemovedUsersConnectionIsRefused() {
        try (PoolClient vera = fixture.connect().login("vera", Secret.of("vera-password"));
                PoolClient carl = fixture.connect().login("carl", Secret.of("carl-password"));
                PoolClient admin = fixture.admin()) {
            assertThatThrownBy(() -> vera.admin().users()).isInstanceOf(PermissionDeniedException.class);

            admin.admin().changeRole("vera", Role.ADMIN);
            admin.admin().removeUser("carl");

            assertThat(vera.admin().users()).extracting(u -> u.username()).contains("vera").doesNotContain("carl");
            assertThatThrownBy(carl::nodes).isInstanceOf(AuthenticationException.class);
            assertThat(fixture.store.audit().list(AuditQuery.latest(100)))
                    .extracting(e -> e.event().action() + " " + e.event().target() + " " + e.event().detail())
                    .contains("user.role-changed vera viewer -> admin")
                    .anySatisfy(row -> assertThat(row).startsWith("user.removed carl was compute-user"));
        }
    }

    @Test
    void anAdminCannotRemoveTheirOwnAccountNorTakeTheLastAdminsRole() {
        try (PoolClient admin = fixture.admin()) {
            String self = admin.admin().users().stream().filter(u -> u.role() == Role.ADMIN).findFirst().orElseThrow().username();

            assertThatThrownBy(() -> admin.admin().removeUser(self)).isInstanceOf(io.resourcepool.core.client.RequestRefusedException.class)
                    .hasMessageContaining("you cannot remove your own account");
            assertThatThrownBy(() -> admin.admin().changeRole(self, Role.VIEWER)).isInstanceOf(io.resourcepool.core.client.RequestRefusedException.class)
                    .hasMessageContaining("is the last admin");
            assertThat(admin.nodes()).isEmpty();
        }
    }

    @Test
    void aResetUserMayOnlySetANewPasswordAndThenWorksAsBefore() {
        Secret temporary = Secret.of("temporary-password");
        try (PoolClient carl = fixture.connect().login("carl", Secret.of("carl-password"));
                PoolClient admin = fixture.admin()) {
            admin.admin().resetPassword("carl", temporary);
            assertThatThrownBy(carl::nodes).as("the reset ends carl's sessions").isInstanceOf(AuthenticationException.class);
        }
        try (PoolClient carl = fixture.connect().login("carl", temporary)) {
            assertThat(carl.passwordChangeRequired()).isTrue();
            assertThatThrownBy(carl::nodes).isInstanceOf(PermissionDeniedException.class).hasMessageContaining("an admin reset your password");

            carl.changePassword(temporary, Secret.of("carl-chosen-password"));

            assertThat(carl.passwordChangeRequired()).isFalse();
            assertThat(carl.nodes()).isEmpty();
        }
        assertThat(fixture.store.audit().list(AuditQuery.latest(100))).extracting(e -> e.event().action() + " " + e.event().target())
                .contains("user.password-reset carl", "user.password-changed carl");
    }

    @Test
    void unknownUsersAreNamed() {
        try (PoolClient admin = fixture.admin()) {
            assertThatThrownBy(() -> admin.admin().unlock("nobody")).isInstanceOf(NotFoundException.class).hasMessageContaining("'nobody'");
            assertThatThrownBy(() -> admin.admin().revokeSessions("nobody")).isInstanceOf(NotFoundException.class).hasMessageContaining("'nobody'");
            assertThatThrownBy(() -> admin.admin().removeUser("nobody")).isInstanceOf(NotFoundException.class).hasMessageContaining("'nobody'");
            assertThatThrownBy(() -> admin.admin().changeRole("nobody", Role.VIEWER)).isInstanceOf(NotFoundException.class);
            assertThat(admin.nodes()).isEmpty();
        }
    }

    @Test
    void auditListFiltersByActorAndActionNewestFirst() {
        try (PoolClient vera = fixture.connect().login("vera", Secret.of("vera-password"))) {
            vera.logout();
        }
        try (PoolClient admin = fixture.admin()) {
            List<AuditRow> veraRows = admin.admin().audit("vera", "", 50);
            assertThat(veraRows).extracting(AuditRow::action).containsExactly("logout", "login.succeeded");
            assertThat(veraRows.get(0).sequence()).isGreaterThan(veraRows.get(1).sequence());
            assertThat(admin.admin().audit("", "user.", 50)).extracting(AuditRow::target).contains("vera", "carl")
                    .allSatisfy(t -> assertThat(t).isNotEmpty());
            assertThat(admin.admin().audit("", "", 2)).hasSize(2);
            assertThat(admin.admin().audit("", "", 2).get(0).at()).isEqualTo(fixture.clock.instant());
        }
    }

    @Test
    void auditSearchKeepsToRowsSinceATime() {
        java.time.Instant before = fixture.clock.instant();
        java.time.Instant later = fixture.clock.advance(java.time.Duration.ofMinutes(5));
        try (PoolClient vera = fixture.connect().login("vera", Secret.of("vera-password"))) {
            vera.logout();
        }
        try (PoolClient admin = fixture.admin()) {
            assertThat(admin.admin().audit("", "user.", java.util.Optional.of(later), 50)).as("users were added before").isEmpty();
            assertThat(admin.admin().audit("", "user.", java.util.Optional.of(before), 50)).extracting(AuditRow::target).contains("vera", "carl");
            assertThat(admin.admin().audit("vera", "", java.util.Optional.of(later), 50)).extracting(AuditRow::action)
                    .containsExactly("logout", "login.succeeded");
            assertThat(admin.admin().audit("", "", java.util.Optional.empty(), 3)).hasSize(3);
        }
    }

    @Test
    void verifyAuditFindsTheChainIntactAndRecordsTheCheck() {
        try (PoolClient admin = fixture.admin()) {
            AuditVerification verdict = admin.admin().verifyAudit();
            assertThat(verdict.intact()).isTrue();
            assertThat(verdict.rowsChecked()).isGreaterThanOrEqualTo(3);
            assertThat(verdict.firstBadRow()).isEmpty();
            assertThat(admin.admin().audit("admin", "audit.", 5)).singleElement()
                    .satisfies(r -> assertThat(r.detail()).isEqualTo("intact, " + verdict.rowsChecked() + " row(s)"));
        }
    }
}
