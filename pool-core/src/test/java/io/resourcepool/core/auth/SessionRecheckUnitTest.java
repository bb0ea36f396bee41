package io.resourcepool.core.auth;

import static io.resourcepool.core.auth.AuthFixture.ADMIN;
import static io.resourcepool.core.auth.AuthFixture.SOURCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.resourcepool.api.AuthenticationException;
import io.resourcepool.api.NotFoundException;
import io.resourcepool.api.Role;
import io.resourcepool.api.Secret;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link Authenticator#recheck} and {@link UserAdministration#revokeSessions}: the store decides, every time. */
class SessionRecheckUnitTest {
    private static final Secret PASSWORD = Secret.of("correct horse battery");

    private final AuthFixture fx = new AuthFixture();
    private Session session;

    @BeforeEach
    void logInCarol() {
        fx.addUser("carol", Role.COMPUTE_USER, PASSWORD);
        session = fx.authenticator.login("carol", PASSWORD, SOURCE);
    }

    @AfterEach
    void tearDown() {
        fx.close();
    }

    @Test
    void aLiveSessionCostsOneSessionReadAndOneUserReadAndCarriesTheCurrentRole() {
        long sessionsBefore = fx.calls("findSession");
        long usersBefore = fx.calls("findUser");
        fx.store.credentials().updateRole("carol", Role.VIEWER);

        Session checked = fx.authenticator.recheck(session, SOURCE);

        assertThat(checked.role()).isEqualTo(Role.VIEWER);
        assertThat(checked.token().reveal()).isEqualTo(session.token().reveal());
        assertThat(fx.calls("findSession") - sessionsBefore).isEqualTo(1);
        assertThat(fx.calls("findUser") - usersBefore).isEqualTo(1);
    }

    @Test
    void anExpiredSessionSaysSo() {
        fx.clock.advance(fx.config.sessionTimeout());
        assertThatThrownBy(() -> fx.authenticator.recheck(session, SOURCE))
                .isInstanceOf(AuthenticationException.class).hasMessage(Authenticator.SESSION_EXPIRED);
    }

    @Test
    void aLoggedOutSessionIsEndedAndTheRefusalIsAudited() {
        fx.authenticator.logout(session.token(), SOURCE);
        fx.clock.advance(Duration.ofSeconds(1));
        assertThatThrownBy(() -> fx.authenticator.recheck(session, SOURCE))
                .isInstanceOf(AuthenticationException.class).hasMessage(Authenticator.SESSION_ENDED);
        assertThat(fx.auditRows().get(0).event()).satisfies(e -> {
            assertThat(e.action()).isEqualTo("session.request-refused");
            assertThat(e.actor()).isEqualTo("carol");
            assertThat(e.detail()).isEqualTo("revoked");
        });
    }

    @Test
    void revokingEndsEverySessionOfTheUserAndAuditsTheCount() {
        Session second = fx.authenticator.login("carol", PASSWORD, SOURCE);

        assertThat(fx.users.revokeSessions(ADMIN, "carol")).isEqualTo(2);

        assertThatThrownBy(() -> fx.authenticator.recheck(session, SOURCE)).hasMessage(Authenticator.SESSION_ENDED);
        assertThatThrownBy(() -> fx.authenticator.recheck(second, SOURCE)).hasMessage(Authenticator.SESSION_ENDED);
        assertThat(fx.auditRows()).filteredOn(r -> r.event().action().equals("user.sessions-revoked")).singleElement()
                .satisfies(r -> assertThat(r.event().detail()).isEqualTo("2 session(s) ended"));
    }

    @Test
    void revokingTheSessionsOfAnUnknownUserSaysSo() {
        assertThatThrownBy(() -> fx.users.revokeSessions(ADMIN, "nobody"))
                .isInstanceOf(NotFoundException.class).hasMessageContaining("'nobody'");
    }
}
