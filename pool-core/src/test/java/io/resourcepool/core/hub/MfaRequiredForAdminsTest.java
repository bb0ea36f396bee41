package io.resourcepool.core.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.resourcepool.api.AuthenticationException;
import io.resourcepool.api.Role;
import io.resourcepool.api.Secret;
import io.resourcepool.core.auth.Actor;
import io.resourcepool.core.auth.Authenticator;
import io.resourcepool.core.auth.Base32;
import io.resourcepool.core.auth.MfaEnrolments;
import io.resourcepool.core.auth.MfaSetup;
import io.resourcepool.core.auth.SeedVault;
import io.resourcepool.core.auth.Totp;
import io.resourcepool.core.client.PoolClient;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A hub configured to require a second factor of admins, over real TLS with a manual clock. */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class MfaRequiredForAdminsTest {
    @TempDir
    Path dataDir;

    private TlsHubFixture fixture;

    @BeforeEach
    void startHub() {
        fixture = TlsHubFixture.configured(dataDir, c -> c.withAuth(c.auth().withMfaRequiredForAdmins(true)));
    }

    @AfterEach
    void stopHub() throws Exception {
        fixture.close();
    }

    @Test
    void adminWithoutASecondFactorIsRefusedAtLoginSayingWhatToDo() {
        assertThatThrownBy(fixture::admin).isInstanceOf(AuthenticationException.class).hasMessage(Authenticator.ADMIN_NEEDS_MFA);

        assertThat(fixture.store.audit().list(io.resourcepool.api.spi.store.AuditQuery.latest(10)))
                .anySatisfy(e -> assertThat(e.event().action()).isEqualTo("login.mfa-failed"));
    }

    @Test
    void adminWithASecondFactorLogsInWithTheCodeAndOthersNeedNone() {
        // Set up from the hub's side, as an operator does on a hub that already requires it: the seed is sealed
        // with the key in the hub's data directory.
        MfaSetup setup = new MfaEnrolments(fixture.store, SeedVault.openOrCreate(dataDir), fixture.clock).enable(Actor.hub(), "admin");
        Secret code = Secret.of(Totp.code(Base32.decode(setup.base32Seed().reveal()), Totp.stepAt(fixture.clock.instant())));

        try (PoolClient admin = fixture.connect().login("admin", TlsHubFixture.ADMIN_PASSWORD, code)) {
            admin.admin().addUser("carl", Role.COMPUTE_USER, Secret.of("carl-password-1"));
        }
        try (PoolClient carl = fixture.connect().login("carl", Secret.of("carl-password-1"))) {
            assertThat(carl.role()).contains(Role.COMPUTE_USER);
        }
    }
}
