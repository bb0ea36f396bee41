package io.resourcepool.core.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.resourcepool.api.AuthenticationException;
import io.resourcepool.api.BusyException;
import io.resourcepool.api.JobId;
import io.resourcepool.api.JobSpec;
import io.resourcepool.api.NotFoundException;
import io.resourcepool.api.PermissionDeniedException;
import io.resourcepool.api.Role;
import io.resourcepool.api.Secret;
import io.resourcepool.api.spi.store.AuditQuery;
import io.resourcepool.api.spi.store.JobQuery;
import io.resourcepool.core.auth.RateLimits;
import io.resourcepool.core.client.PoolClient;
import io.resourcepool.core.client.PoolOperations;
import io.resourcepool.core.client.RequestRefusedException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hub's typed front door ({@link Hub#operations}) and the binary protocol (a {@link PoolClient} over TLS) are
 * two doors to the same checks: a role refused, a pending password reset, a foreign job's listing and a bad
 * request are refused with the same exception and the same words through both, and a refused token counts against
 * the caller's address as a refused RESUME does.
 */
class HubOperationsTest {
    private static final Secret VERA_PASSWORD = Secret.of("vera-password-1");
    private static final Secret CORA_PASSWORD = Secret.of("cora-password-1");
    private static final String SOURCE = "203.0.113.9:51234";

    @TempDir
    Path dataDir;

    private TlsHubFixture fixture;

    @BeforeEach
    void startHub() {
        fixture = TlsHubFixture.configured(dataDir, c -> c.withRateLimits(RateLimits.defaults().withLoginFailures(2, Duration.ofMinutes(15))));
        try (PoolClient admin = fixture.admin()) {
            admin.admin().addUser("vera", Role.VIEWER, VERA_PASSWORD);
            admin.admin().addUser("cora", Role.COMPUTE_USER, CORA_PASSWORD);
        }
    }

    @AfterEach
    void stopHub() throws Exception {
        fixture.close();
    }

    @Test
    void aViewerIsRefusedAnAdminOperationWithTheSameErrorThroughBothDoors() {
        sameRefusalThroughBothDoors("vera", VERA_PASSWORD, ops -> ops.admin().users(), PermissionDeniedException.class,
                "USER_LIST needs the admin role; vera has viewer");
        sameRefusalThroughBothDoors("vera", VERA_PASSWORD, ops -> ops.admin().removeUser("cora"), PermissionDeniedException.class,
                "USER_REMOVE needs the admin role; vera has viewer");
        sameRefusalThroughBothDoors("vera", VERA_PASSWORD, ops -> ops.mfa().enable("vera"), PermissionDeniedException.class,
                "your own second factor needs your current password");
    }

    @Test
    void anAdminsOperationThroughTheTypedDoorIsAuditedUnderTheCallersAddress() {
        try (PoolClient admin = fixture.admin()) {
            PoolOperations door = fixture.hub.frontDoor().operations(admin.sessionToken().orElseThrow(), SOURCE);

            door.admin().changeRole("vera", Role.COMPUTE_USER);

            assertThat(door.admin().users()).anySatisfy(u -> {
                assertThat(u.username()).isEqualTo("vera");
                assertThat(u.role()).isEqualTo(Role.COMPUTE_USER);
            });
            assertThat(fixture.store.audit().list(new AuditQuery(Optional.empty(), Optional.of("user.role-changed"), Optional.empty(), 10)))
                    .singleElement().satisfies(row -> assertThat(row.event().sourceAddress()).isEqualTo(SOURCE));
        }
    }

    @Test
    void aLoginThroughTheTypedDoorIsRefusedAsOverTheNetworkAndItsSessionServesBothDoors() {
        Throwable typed = catchThrowable(() -> fixture.hub.frontDoor().login("vera", Secret.of("wrong-password"), Secret.of(""), SOURCE));
        Throwable network = catchThrowable(() -> fixture.login("vera", Secret.of("wrong-password"), Secret.of("")));
        assertThat(typed).isInstanceOf(AuthenticationException.class).hasMessage(network.getMessage());

        var session = fixture.hub.frontDoor().login("vera", VERA_PASSWORD, Secret.of(""), SOURCE);

        assertThat(session.role()).isEqualTo(Role.VIEWER);
        assertThat(session.refreshToken()).isPresent();
        try (PoolClient resumed = fixture.connect().resume(session.token())) {
            assertThat(resumed.username()).contains("vera");
        }
    }

    @Test
    void aViewerIsRefusedAComputeUsersOperationWithTheSameErrorThroughBothDoors() {
        sameRefusalThroughBothDoors("vera", VERA_PASSWORD, ops -> ops.submit(JobSpec.of("true")), PermissionDeniedException.class,
                "SUBMIT needs the compute-user role; vera has viewer");
        JobId unknown = JobId.random();
        sameRefusalThroughBothDoors("vera", VERA_PASSWORD, ops -> ops.cancel(unknown), PermissionDeniedException.class,
                "CANCEL needs the compute-user role; vera has viewer");
    }

    @Test
    void anotherUsersJobsAndAnUnknownJobAreRefusedAlikeThroughBothDoors() {
        sameRefusalThroughBothDoors("cora", CORA_PASSWORD, ops -> ops.jobs(new JobQuery(Optional.empty(), Optional.empty(), Optional.of("vera"), 10)),
                PermissionDeniedException.class, "only an admin may list another user's jobs");
        JobId unknown = JobId.random();
        sameRefusalThroughBothDoors("cora", CORA_PASSWORD, ops -> ops.job(unknown), NotFoundException.class,
                "does not exist (or is not yours)");
    }

    @Test
    void aPendingPasswordResetRefusesEverythingAlikeThroughBothDoors() {
        try (PoolClient admin = fixture.admin()) {
            admin.admin().resetPassword("vera", Secret.of("vera-temporary-2"));
        }
        Secret temporary = Secret.of("vera-temporary-2");
        sameRefusalThroughBothDoors("vera", temporary, PoolOperations::nodes, PermissionDeniedException.class, "an admin reset your password");
    }

    @Test
    void bothDoorsAnswerTheSamePool() {
        try (PoolClient cora = fixture.login("cora", CORA_PASSWORD, Secret.of(""))) {
            PoolOperations door = fixture.hub.frontDoor().operations(cora.sessionToken().orElseThrow(), SOURCE);

            assertThat(door.aggregate()).isEqualTo(cora.aggregate());
            assertThat(door.nodes()).isEqualTo(cora.nodes());
            assertThat(door.role()).isEqualTo(cora.role()).contains(Role.COMPUTE_USER);
        }
    }

    @Test
    void aForgedTokenIsAuditedUnderTheSourceAndCountsAgainstItUntilItIsRefusedBusyWhileLiveSessionsGoOn() {
        PoolOperations forged = fixture.hub.frontDoor().operations(Secret.of("forged-token"), SOURCE);
        for (int i = 0; i < 2; i++) {
            assertThat(catchThrowable(forged::aggregate)).isInstanceOf(AuthenticationException.class);
        }

        assertThat(catchThrowable(forged::aggregate)).isInstanceOf(BusyException.class).hasMessageContaining("too many failed logins from 203.0.113.9");
        assertThat(catchThrowable(forged::nodes)).isInstanceOf(BusyException.class);
        try (PoolClient vera = fixture.login("vera", VERA_PASSWORD, Secret.of(""))) {
            assertThat(fixture.hub.frontDoor().operations(vera.sessionToken().orElseThrow(), SOURCE).role()).contains(Role.VIEWER);
        }
        assertThat(fixture.store.audit().list(new AuditQuery(Optional.empty(), Optional.of("session.resume-failed"), Optional.empty(), 10)))
                .hasSize(2).allSatisfy(row -> assertThat(row.event().sourceAddress()).isEqualTo(SOURCE));
        assertThat(fixture.store.audit().list(new AuditQuery(Optional.empty(), Optional.of("login.rate-limited"), Optional.empty(), 10))).hasSize(1);
    }

    @Test
    void aLiveSessionsRequestsCountNothingAgainstTheAddress() {
        try (PoolClient vera = fixture.login("vera", VERA_PASSWORD, Secret.of(""))) {
            Secret token = vera.sessionToken().orElseThrow();
            for (int i = 0; i < 10; i++) {
                assertThat(fixture.hub.frontDoor().operations(token, SOURCE).aggregate().onlineNodes()).isZero();
            }
            assertThat(catchThrowable(() -> fixture.hub.frontDoor().operations(Secret.of("forged-token"), SOURCE).nodes())).isInstanceOf(AuthenticationException.class);
            assertThat(fixture.hub.frontDoor().operations(token, SOURCE).nodes()).isEmpty();
        }
    }

    @Test
    void aBadRequestIsRefusedAsTheNetworkClientReadsItsAnswer() {
        try (PoolClient cora = fixture.login("cora", CORA_PASSWORD, Secret.of(""))) {
            PoolOperations door = fixture.hub.frontDoor().operations(cora.sessionToken().orElseThrow(), SOURCE);
            JobSpec tooMuchOutput = JobSpec.of("true").withOutputCap(1L << 40);

            Throwable network = catchThrowable(() -> cora.submit(tooMuchOutput));
            Throwable typed = catchThrowable(() -> door.submit(tooMuchOutput));

            assertThat(network).isInstanceOf(RequestRefusedException.class);
            assertThat(typed).isInstanceOf(RequestRefusedException.class).hasMessage(network.getMessage());
        }
    }

    private void sameRefusalThroughBothDoors(String user, Secret password, Consumer<PoolOperations> operation, Class<? extends Throwable> refusal,
            String words) {
        try (PoolClient network = fixture.login(user, password, Secret.of(""))) {
            PoolOperations typed = fixture.hub.frontDoor().operations(network.sessionToken().orElseThrow(), SOURCE);

            Throwable overTheNetwork = catchThrowable(() -> operation.accept(network));
            Throwable throughTheTypedDoor = catchThrowable(() -> operation.accept(typed));

            assertThat(overTheNetwork).isInstanceOf(refusal).hasMessageContaining(words);
            assertThat(throughTheTypedDoor).isInstanceOf(refusal).hasMessage(overTheNetwork.getMessage());
        }
    }
}
