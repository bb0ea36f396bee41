package io.resourcepool.core.auth;

import static io.resourcepool.core.auth.AuthFixture.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.resourcepool.api.AuthenticationException;
import io.resourcepool.api.NotFoundException;
import io.resourcepool.api.Role;
import io.resourcepool.api.Secret;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class UserAdministrationTest {
    private static final Secret PASSWORD = Secret.of("correct horse battery");

    private final AuthFixture fx = new AuthFixture();

    @AfterEach
    void tearDown() {
        fx.close();
    }

    @Test
    void createdUserIsListedWithoutItsHash() {
        assertThat(fx.users.createUser(ADMIN, "carol", Role.VIEWER, PASSWORD)).isTrue();

        assertThat(fx.users.listUsers()).singleElement().satisfies(user -> {
            assertThat(user.username()).isEqualTo("carol");
            assertThat(user.role()).isEqualTo(Role.VIEWER);
            assertThat(user.createdAt()).isEqualTo(fx.clock.instant());
            assertThat(user.toString()).doesNotContain("$2a$");
        });
        assertThat(fx.store.credentials().findUser("carol").orElseThrow().passwordHash())
                .startsWith("$2a$04$").doesNotContain(PASSWORD.reveal());
    }

    @Test
    void duplicateNameIsReportedAndChangesNothing() {
        fx.users.createUser(ADMIN, "carol", Role.VIEWER, PASSWORD);
        String hashBefore = fx.store.credentials().findUser("carol").orElseThrow().passwordHash();

        assertThat(fx.users.createUser(ADMIN, "carol", Role.ADMIN, Secret.of("another password"))).isFalse();

        assertThat(fx.store.credentials().findUser("carol").orElseThrow())
                .satisfies(user -> assertThat(user.role()).isEqualTo(Role.VIEWER))
                .satisfies(user -> assertThat(user.passwordHash()).isEqualTo(hashBefore));
    }

    @Test
    void overLongPasswordIsRefusedAtCreationWithTheClearMessage() {
        Secret seventyThreeBytes = Secret.of("é".repeat(36) + "a");

        assertThatThrownBy(() -> fx.users.createUser(ADMIN, "dave", Role.VIEWER, seventyThreeBytes))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("passwords may be at most 72 bytes in UTF-8 (this one is 73); bcrypt would silently ignore the rest");
        assertThat(fx.users.listUsers()).isEmpty();
    }

    @Test
    void seventyTwoBytePasswordIsAcceptedAndLogsIn() {
        Secret seventyTwoBytes = Secret.of("é".repeat(36));

        assertThat(fx.users.createUser(ADMIN, "dave", Role.VIEWER, seventyTwoBytes)).isTrue();

        assertThat(fx.authenticator.login("dave", seventyTwoBytes, "").username()).isEqualTo("dave");
    }

    @Test
    void badNameIsRefusedBeforeAnyBcryptWork() {
        assertThatThrownBy(() -> fx.users.createUser(ADMIN, "Dave", Role.VIEWER, PASSWORD))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("user name 'Dave' is not valid");
        assertThat(fx.users.listUsers()).isEmpty();
    }

    @Test
    void changingThePasswordOfAnUnknownUserSaysSo() {
        assertThatThrownBy(() -> fx.users.changePassword(ADMIN, "nobody", PASSWORD))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("'nobody'");
    }

    @Test
    void changedPasswordMustFollowThePolicy() {
        fx.addUser("carol", Role.VIEWER, PASSWORD);

        assertThatThrownBy(() -> fx.users.changePassword(ADMIN, "carol", Secret.of("short")))
                .hasMessageStartingWith("passwords must be at least 8 bytes");
    }

    @Test
    void unlockingAnUnknownUserSaysSo() {
        assertThatThrownBy(() -> fx.users.unlock(ADMIN, "nobody")).isInstanceOf(NotFoundException.class);
    }

    @Test
    void administrativeActionsAreAuditedWithTheActorAndWithoutPasswords() {
        fx.addUser("carol", Role.VIEWER, PASSWORD);
        Secret changed = Secret.of("a changed password");
        fx.users.changePassword(ADMIN, "carol", changed);
        fx.users.unlock(ADMIN, "carol");

        assertThat(fx.auditRows()).extracting(row -> row.event().action() + " " + row.event().target())
                .containsExactly("user.unlocked carol", "user.password-changed carol", "user.created carol");
        assertThat(fx.auditRows()).allSatisfy(row -> {
            assertThat(row.event().actor()).isEqualTo(ADMIN.name());
            assertThat(row.event().sourceAddress()).isEqualTo(ADMIN.sourceAddress());
            assertThat(row.event().detail()).doesNotContain(PASSWORD.reveal(), changed.reveal(), "$2a$");
        });
    }

    @Test
    void aRemovedUsersSessionIsRefusedAtItsNextRequestAndTheRemovalIsAudited() {
        fx.addUser("carol", Role.COMPUTE_USER, PASSWORD);
        Session session = fx.authenticator.login("carol", PASSWORD, "");

        fx.users.removeUser(ADMIN, "carol");

        assertThatThrownBy(() -> fx.authenticator.recheck(session, "192.0.2.7")).isInstanceOf(AuthenticationException.class);
        assertThatThrownBy(() -> fx.authenticator.login("carol", PASSWORD, "")).isInstanceOf(AuthenticationException.class);
        assertThat(fx.store.credentials().findUser("carol")).isEmpty();
        assertThat(fx.auditRows()).filteredOn(row -> row.event().action().equals("user.removed")).singleElement()
                .satisfies(row -> assertThat(row.event().target()).isEqualTo("carol"))
                .satisfies(row -> assertThat(row.event().detail()).contains("was compute-user"));
    }

    @Test
    void aNewRoleHoldsFromTheUsersNextRequestOnTheSameSession() {
        fx.addUser("carol", Role.VIEWER, PASSWORD);
        Session session = fx.authenticator.login("carol", PASSWORD, "");

        assertThat(fx.users.changeRole(ADMIN, "carol", Role.COMPUTE_USER)).isTrue();

        assertThat(fx.authenticator.recheck(session, "192.0.2.7").role()).isEqualTo(Role.COMPUTE_USER);
        assertThat(fx.auditRows()).filteredOn(row -> row.event().action().equals("user.role-changed")).singleElement()
                .satisfies(row -> assertThat(row.event().detail()).isEqualTo("viewer -> compute-user"));
        assertThat(fx.users.changeRole(ADMIN, "carol", Role.COMPUTE_USER)).as("the same role again changes nothing").isFalse();
    }

    @Test
    void nobodyRemovesTheirOwnAccount() {
        fx.addUser(ADMIN.name(), Role.ADMIN, PASSWORD);
        fx.addUser("erin", Role.ADMIN, PASSWORD);

        assertThatThrownBy(() -> fx.users.removeUser(ADMIN, ADMIN.name()))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("you cannot remove your own account; another admin can");
        assertThat(fx.store.credentials().findUser(ADMIN.name())).isPresent();
    }

    @Test
    void theLastAdminIsNeitherRemovedNorGivenAnotherRole() {
        fx.addUser("erin", Role.ADMIN, PASSWORD);

        assertThatThrownBy(() -> fx.users.removeUser(ADMIN, "erin"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("'erin' is the last admin and cannot be removed; make another admin first");
        assertThatThrownBy(() -> fx.users.changeRole(ADMIN, "erin", Role.VIEWER))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("'erin' is the last admin and cannot be made viewer; make another admin first");
        assertThat(fx.store.credentials().findUser("erin").orElseThrow().role()).isEqualTo(Role.ADMIN);

        fx.addUser("frank", Role.ADMIN, PASSWORD);
        assertThat(fx.users.changeRole(ADMIN, "erin", Role.VIEWER)).isTrue();
        assertThatThrownBy(() -> fx.users.removeUser(ADMIN, "frank")).hasMessageContaining("'frank' is the last admin");
    }

    @Test
    void removingOrChangingAnUnknownUserSaysSo() {
        assertThatThrownBy(() -> fx.users.removeUser(ADMIN, "nobody")).isInstanceOf(NotFoundException.class).hasMessageContaining("'nobody'");
        assertThatThrownBy(() -> fx.users.changeRole(ADMIN, "nobody", Role.VIEWER)).isInstanceOf(NotFoundException.class);
    }
}
