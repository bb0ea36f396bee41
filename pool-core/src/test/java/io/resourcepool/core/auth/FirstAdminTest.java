package io.resourcepool.core.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.resourcepool.api.Role;
import io.resourcepool.api.Secret;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FirstAdminTest {
    private final AuthFixture fx = new AuthFixture();
    private final FirstAdmin firstAdmin = new FirstAdmin(fx.users);

    @AfterEach
    void tearDown() {
        fx.close();
    }

    @Test
    void firstStartMakesAnAdminWithAGeneratedPasswordThatLogsIn() {
        FirstAdmin.Outcome outcome = firstAdmin.createIfFirstStart();

        assertThat(outcome.created()).isTrue();
        Secret generated = outcome.generatedPassword().orElseThrow();
        assertThat(generated.reveal()).hasSize(20).matches("[A-Za-z0-9_-]{20}");
        Session session = fx.authenticator.login("admin", generated, "");
        assertThat(session.role()).isEqualTo(Role.ADMIN);
    }

    @Test
    void theFirstAdminsPasswordKeepsToTheHubsRules() {
        UserAdministration strict = new UserAdministration(fx.store, fx.hasher, new PasswordPolicy(32, BreachedPasswords.none()), fx.clock);

        assertThatThrownBy(() -> new FirstAdmin(strict).createIfFirstStart(Secret.of("the operator's choice")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 32 bytes");
        assertThat(new FirstAdmin(strict).createIfFirstStart().generatedPassword().orElseThrow().reveal())
                .as("a generated one is made long enough").hasSize(32);
    }

    @Test
    void generatedPasswordsDiffer() {
        String first = firstAdmin.createIfFirstStart().generatedPassword().orElseThrow().reveal();
        AuthFixture other = new AuthFixture();
        try {
            String second = new FirstAdmin(other.users).createIfFirstStart().generatedPassword().orElseThrow().reveal();
            assertThat(second).isNotEqualTo(first);
        } finally {
            other.close();
        }
    }

    @Test
    void givenPasswordIsUsedAndNothingIsGenerated() {
        Secret chosen = Secret.of("the operator's choice");

        FirstAdmin.Outcome outcome = firstAdmin.createIfFirstStart(chosen);

        assertThat(outcome.created()).isTrue();
        assertThat(outcome.generatedPassword()).isEmpty();
        assertThat(fx.authenticator.login("admin", chosen, "").username()).isEqualTo("admin");
    }

    @Test
    void laterStartsMakeNothing() {
        fx.addUser("carol", Role.VIEWER, Secret.of("correct horse battery"));

        assertThat(firstAdmin.createIfFirstStart()).isEqualTo(new FirstAdmin.Outcome(false, java.util.Optional.empty()));
        assertThat(firstAdmin.createIfFirstStart(Secret.of("the operator's choice")).created()).isFalse();
        assertThat(fx.users.listUsers()).extracting(UserSummary::username).containsExactly("carol");
    }

    @Test
    void givenPasswordMustFollowThePolicy() {
        assertThatThrownBy(() -> firstAdmin.createIfFirstStart(Secret.of("short")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(fx.users.listUsers()).isEmpty();
    }

    @Test
    void creationIsAuditedByTheHubWithoutThePassword() {
        Secret generated = firstAdmin.createIfFirstStart().generatedPassword().orElseThrow();

        assertThat(fx.auditRows()).singleElement().satisfies(row -> {
            assertThat(row.event().actor()).isEqualTo("hub");
            assertThat(row.event().action()).isEqualTo("user.created");
            assertThat(row.event().target()).isEqualTo("admin");
            assertThat(row.event().detail()).doesNotContain(generated.reveal());
        });
    }
}
