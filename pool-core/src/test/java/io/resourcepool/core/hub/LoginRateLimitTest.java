package io.resourcepool.core.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.entry;

import io.resourcepool.api.AuthenticationException;
import io.resourcepool.api.BusyException;
import io.resourcepool.api.Role;
import io.resourcepool.api.Secret;
import io.resourcepool.core.client.AuditRow;
import io.resourcepool.core.client.PoolClient;
import io.resourcepool.core.protocol.ControlMessage;
import io.resourcepool.core.protocol.EnrolmentMessage;
import io.resourcepool.core.protocol.ErrorCode;
import io.resourcepool.transport.tls.WorkerIdentity;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Failed logins and enrolment attempts are limited per source address, over real TLS with a manual clock:
 * past the limit the hub answers BUSY with a retry-after, without checking the password, until the window
 * ends.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class LoginRateLimitTest {
    private static final Duration WINDOW = Duration.ofMinutes(15);
    private static final Secret WRONG = Secret.of("not-the-password");

    @TempDir
    Path dataDir;

    @TempDir
    Path workerDir;

    private TlsHubFixture fixture;

    @BeforeEach
    void startHub() {
        fixture = TlsHubFixture.start(dataDir);
    }

    @AfterEach
    void stopHub() throws Exception {
        fixture.close();
    }

    @Test
    void afterFiveFailuresFromOneAddressEvenTheRightPasswordIsAnsweredBusyWithARetryAfter() {
        failLogins("admin", 5);

        BusyException busy = catchThrowableOfType(BusyException.class, () -> login("admin", TlsHubFixture.ADMIN_PASSWORD));

        assertThat(busy.getMessage()).startsWith(SourceLimits.TOO_MANY_LOGINS + "127.0.0.1: 5 in the last ").contains("(limit 5); retry in ");
        assertThat(busy.retryAfter()).isPositive().isLessThanOrEqualTo(WINDOW);
    }

    @Test
    void addressMayLogInAgainOnceTheWindowHasPassed() {
        failLogins("admin", 5);
        assertThatThrownBy(() -> login("admin", TlsHubFixture.ADMIN_PASSWORD)).isInstanceOf(BusyException.class);

        fixture.clock.advance(WINDOW.plusSeconds(1));

        try (PoolClient admin = fixture.admin()) {
            assertThat(admin.role()).contains(Role.ADMIN);
        }
    }

    @Test
    void anotherUserFromTheSameAddressIsLimitedToo() {
        failLogins("mallory", 5);

        assertThatThrownBy(() -> login("admin", TlsHubFixture.ADMIN_PASSWORD)).isInstanceOf(BusyException.class);
    }

    @Test
    void successfulLoginsAreNotCounted() {
        for (int i = 0; i < 10; i++) {
            fixture.admin().close();
        }
        failLogins("admin", 4);

        try (PoolClient admin = fixture.admin()) {
            assertThat(admin.role()).contains(Role.ADMIN);
        }
    }

    @Test
    void refusedSessionResumesCountAsFailures() {
        for (int i = 0; i < 5; i++) {
            Secret forged = Secret.of("forged-token-" + i);
            try (PoolClient client = fixture.connect()) {
                assertThatThrownBy(() -> client.resume(forged)).isInstanceOf(AuthenticationException.class);
            }
        }

        assertThatThrownBy(() -> login("admin", TlsHubFixture.ADMIN_PASSWORD)).isInstanceOf(BusyException.class);
    }

    @Test
    void aFloodOfRefusalsIsAuditedOncePerWindow() {
        failLogins("mallory", 5);
        for (int i = 0; i < 20; i++) {
            assertThatThrownBy(() -> login("mallory", WRONG)).isInstanceOf(BusyException.class);
        }
        fixture.clock.advance(WINDOW.plusSeconds(1));

        try (PoolClient admin = fixture.admin()) {
            List<AuditRow> limited = admin.admin().audit("", "login.rate-limited", 100);
            assertThat(limited).hasSize(1);
            assertThat(limited.getFirst().sourceAddress()).startsWith("127.0.0.1");
            assertThat(admin.admin().audit("mallory", "login.failed", 100)).hasSize(5);
        }
    }

    @Test
    void enrolmentAttemptsAreLimitedPerAddress() {
        Secret token;
        try (PoolClient admin = fixture.admin()) {
            token = admin.admin().createJoinToken(Duration.ofHours(1)).token();
        }
        WorkerIdentity worker = WorkerIdentity.openOrCreate(workerDir);
        for (int i = 0; i < 10; i++) {
            assertThat(enroll(Secret.of("wrong-token-" + i), worker).code()).isEqualTo(ErrorCode.AUTH_REQUIRED.name());
        }

        ControlMessage.Error refused = enroll(token, worker);

        assertThat(refused.code()).isEqualTo(ErrorCode.BUSY.name());
        assertThat(refused.retryAfterMillis()).isPositive();
        fixture.clock.advance(WINDOW.plusSeconds(1));
        try (RawTlsClient enrolling = fixture.raw()) {
            enrolling.hello("worker");
            enrolling.send(new EnrolmentMessage.Enroll(1, token.reveal(), worker.certificationRequestPem(), "worker-host"));
            assertThat(enrolling.expect(EnrolmentMessage.Enrolled.class).nodeId()).startsWith("worker-host-");
        }
    }

    @Test
    void twoHundredConcurrentWrongLoginsAreRefusedOrToldBusyAndAuditedAsLimitedOnce() throws Exception {
        List<Future<String>> answers = new ArrayList<>();
        try (ExecutorService strangers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 200; i++) {
                String name = "mallory" + i;
                answers.add(strangers.submit(() -> outcomeOf(() -> login(name, WRONG))));
            }
        }
        Map<String, Long> counted = new HashMap<>();
        for (Future<String> answer : answers) {
            counted.merge(answer.get(), 1L, Long::sum);
        }

        assertThat(counted).containsOnly(entry("AUTH_FAILED", 5L), entry("BUSY", 195L));
        fixture.clock.advance(WINDOW.plusSeconds(1));
        try (PoolClient admin = fixture.admin()) {
            assertThat(admin.admin().audit("", "login.rate-limited", 100)).hasSize(1);
        }
    }

    private static String outcomeOf(Runnable login) {
        try {
            login.run();
            return "LOGGED_IN";
        } catch (AuthenticationException e) {
            return "AUTH_FAILED";
        } catch (BusyException e) {
            return "BUSY";
        }
    }

    private ControlMessage.Error enroll(Secret token, WorkerIdentity worker) {
        try (RawTlsClient enrolling = fixture.raw()) {
            enrolling.hello("worker");
            enrolling.send(new EnrolmentMessage.Enroll(1, token.reveal(), worker.certificationRequestPem(), "worker-host"));
            return enrolling.expect(ControlMessage.Error.class);
        }
    }

    private void failLogins(String username, int times) {
        for (int i = 0; i < times; i++) {
            assertThatThrownBy(() -> login(username, WRONG)).isInstanceOf(AuthenticationException.class);
        }
    }

    private void login(String username, Secret password) {
        try (PoolClient client = fixture.connect()) {
            client.login(username, password);
        }
    }
}
