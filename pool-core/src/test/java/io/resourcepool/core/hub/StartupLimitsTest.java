package io.resourcepool.core.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.resourcepool.api.BusyException;
import io.resourcepool.api.Role;
import io.resourcepool.core.client.PoolClient;
import io.resourcepool.core.protocol.AuthMessage;
import io.resourcepool.core.protocol.ControlMessage;
import io.resourcepool.core.protocol.ErrorCode;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a connection may cost before it authenticates, over real TLS: the login grace time closes a silent one
 * with an ERROR that says why, and the caps on unauthenticated connections (per source and in all) refuse the
 * next stranger "busy" with the figures, while a client that logs in is served as before.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class StartupLimitsTest {
    /** Short, so the test is quick; long enough for a login with cheap bcrypt on a busy machine. */
    private static final Duration GRACE = Duration.ofSeconds(3);

    @TempDir
    Path dataDir;

    private TlsHubFixture fixture;

    @AfterEach
    void stopHub() throws Exception {
        fixture.close();
    }

    @Test
    void connectionsThatSayNothingAfterTheHandshakeAreClosedAtTheLoginGraceTimeWithAnErrorSayingWhy() {
        fixture = TlsHubFixture.configured(dataDir, c -> c.withStartups(new StartupLimits(GRACE, MaxStartups.DEFAULT, 10)));
        try (PoolClient good = fixture.admin()) {
            RawTlsClient silent = fixture.raw();
            RawTlsClient greetedOnly = fixture.raw();
            greetedOnly.hello("worker");

            for (RawTlsClient stranger : List.of(silent, greetedOnly)) {
                ControlMessage.Error error = stranger.expectError(ErrorCode.AUTH_REQUIRED);
                assertThat(error.message()).contains("login grace time (3 s)");
                stranger.assertClosedByHub();
            }

            fixture.assertStillServes(good);
        }
    }

    @Test
    void aSourceOverItsShareOfStrangersIsRefusedBusyWithTheFiguresUntilOneOfThemLogsIn() throws Exception {
        fixture = TlsHubFixture.configured(dataDir, c -> c.withStartups(new StartupLimits(Duration.ofSeconds(30), MaxStartups.DEFAULT, 3)));
        List<RawTlsClient> strangers = greetedStrangers(3);

        RawTlsClient fourth = fixture.raw();
        ControlMessage.Error busy = fourth.expectError(ErrorCode.BUSY);
        assertThat(busy.message()).isEqualTo("busy: unauthenticated connections 3 of 3 from 127.0.0.1 (per-source-max-startups), "
                + "3 in all (max-startups 10:30:100: 0% refused at this count); try again in 5 s");
        assertThat(busy.retryAfterMillis()).isEqualTo(5_000);
        fourth.assertClosedByHub();
        assertThatThrownBy(fixture::admin).isInstanceOf(BusyException.class).hasMessageContaining("3 of 3 from 127.0.0.1");

        try (RawTlsClient elsewhere = RawTlsClient.connectFrom(fixture.address(), fixture.rawTls(), InetAddress.getByName("127.0.0.2"))) {
            elsewhere.hello("client");
        }
        logIn(strangers.getFirst());
        try (PoolClient next = fixture.admin()) {
            assertThat(next.role()).contains(Role.ADMIN);
        }
    }

    @Test
    void atFullMaxStartupsEveryNewStrangerIsRefusedAndALoginFreesAPlace() {
        fixture = TlsHubFixture.configured(dataDir, c -> c.withStartups(new StartupLimits(Duration.ofSeconds(30), MaxStartups.parse("2"), 100)));
        List<RawTlsClient> strangers = greetedStrangers(2);

        RawTlsClient third = fixture.raw();
        assertThat(third.expectError(ErrorCode.BUSY).message())
                .startsWith("busy: unauthenticated connections 2 in all (max-startups 2:100:2: 100% refused at this count), 2 of 100 from 127.0.0.1");
        third.assertClosedByHub();

        logIn(strangers.getFirst());
        try (PoolClient next = fixture.admin()) {
            next.ping();
        }
    }

    private List<RawTlsClient> greetedStrangers(int count) {
        List<RawTlsClient> strangers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            RawTlsClient stranger = fixture.raw();
            stranger.hello("client");
            strangers.add(stranger);
        }
        return strangers;
    }

    private static void logIn(RawTlsClient stranger) {
        stranger.send(new AuthMessage.Login(1, "admin", TlsHubFixture.ADMIN_PASSWORD.reveal(), ""));
        assertThat(stranger.expect(AuthMessage.AuthOk.class).role()).isEqualTo("admin");
    }
}
