package io.resourcepool.testkit.store;

import static io.resourcepool.testkit.store.StoreSamples.at;
import static io.resourcepool.testkit.store.StoreSamples.user;
import static org.assertj.core.api.Assertions.assertThat;

import io.resourcepool.api.spi.store.CredentialStore;
import io.resourcepool.api.spi.store.MfaEnrolment;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Second factors: set up, replaced, each TOTP step and each recovery code accepted once, removed with the user. */
public abstract class MfaStoreContract extends StoreFixture {
    private static final MfaEnrolment ENROLMENT = MfaEnrolment.fresh("sealed-seed-1", List.of("aa11", "bb22", "cc33"), at(1_000));

    /**
     * Tests the given implementation.
     *
     * @param subject how to make the stores under test
     */
    protected MfaStoreContract(StoreUnderTest subject) {
        super(subject);
    }

    private CredentialStore credentials() {
        return store().credentials();
    }

    @Test
    void enabledSecondFactorIsFoundWithEveryField() {
        credentials().createUser(user("alice"));

        assertThat(credentials().enableMfa("alice", ENROLMENT)).isTrue();

        MfaEnrolment found = credentials().findMfa("alice").orElseThrow();
        assertThat(found.sealedSeed()).isEqualTo("sealed-seed-1");
        assertThat(found.recoveryCodeHashes()).containsExactlyInAnyOrder("aa11", "bb22", "cc33");
        assertThat(found.lastAcceptedStep()).isZero();
        assertThat(found.enabledAt()).isEqualTo(at(1_000));
    }

    @Test
    void userWithoutASecondFactorHasNone() {
        credentials().createUser(user("bob"));

        assertThat(credentials().findMfa("bob")).isEmpty();
        assertThat(credentials().findMfa("nobody")).isEmpty();
        assertThat(credentials().acceptTotpStep("bob", 5)).isFalse();
        assertThat(credentials().useRecoveryCode("bob", "aa11")).isFalse();
        assertThat(credentials().disableMfa("bob")).isFalse();
    }

    @Test
    void unknownUserCannotEnable() {
        assertThat(credentials().enableMfa("nobody", ENROLMENT)).isFalse();
        assertThat(credentials().findMfa("nobody")).isEmpty();
    }

    @Test
    void eachStepIsAcceptedOnlyWhenLaterThanTheLast() {
        credentials().createUser(user("carol"));
        credentials().enableMfa("carol", ENROLMENT);

        assertThat(credentials().acceptTotpStep("carol", 100)).isTrue();
        assertThat(credentials().acceptTotpStep("carol", 100)).as("the same step again").isFalse();
        assertThat(credentials().acceptTotpStep("carol", 99)).as("an earlier step").isFalse();
        assertThat(credentials().acceptTotpStep("carol", 101)).isTrue();
        assertThat(credentials().findMfa("carol").orElseThrow().lastAcceptedStep()).isEqualTo(101);
    }

    @Test
    void eachRecoveryCodeIsSpentOnce() {
        credentials().createUser(user("dave"));
        credentials().enableMfa("dave", ENROLMENT);

        assertThat(credentials().useRecoveryCode("dave", "bb22")).isTrue();
        assertThat(credentials().useRecoveryCode("dave", "bb22")).isFalse();
        assertThat(credentials().useRecoveryCode("dave", "zz99")).isFalse();
        assertThat(credentials().findMfa("dave").orElseThrow().recoveryCodeHashes()).containsExactlyInAnyOrder("aa11", "cc33");
    }

    @Test
    void recoveryCodesBelongToTheirUser() {
        credentials().createUser(user("erin"));
        credentials().createUser(user("frank"));
        credentials().enableMfa("erin", ENROLMENT);
        credentials().enableMfa("frank", MfaEnrolment.fresh("sealed-seed-2", List.of("aa11"), at(2_000)));

        assertThat(credentials().useRecoveryCode("frank", "aa11")).isTrue();

        assertThat(credentials().findMfa("erin").orElseThrow().recoveryCodeHashes()).contains("aa11");
        assertThat(credentials().useRecoveryCode("frank", "bb22")).isFalse();
    }

    @Test
    void enablingAgainReplacesSeedCodesAndLastStep() {
        credentials().createUser(user("gina"));
        credentials().enableMfa("gina", ENROLMENT);
        credentials().acceptTotpStep("gina", 500);

        credentials().enableMfa("gina", MfaEnrolment.fresh("sealed-seed-3", List.of("dd44"), at(3_000)));

        MfaEnrolment found = credentials().findMfa("gina").orElseThrow();
        assertThat(found.sealedSeed()).isEqualTo("sealed-seed-3");
        assertThat(found.recoveryCodeHashes()).containsExactly("dd44");
        assertThat(found.lastAcceptedStep()).isZero();
    }

    @Test
    void disablingForgetsSeedAndCodes() {
        credentials().createUser(user("hank"));
        credentials().enableMfa("hank", ENROLMENT);

        assertThat(credentials().disableMfa("hank")).isTrue();

        assertThat(credentials().findMfa("hank")).isEmpty();
        assertThat(credentials().useRecoveryCode("hank", "aa11")).isFalse();
    }

    @Test
    void removingTheUserRemovesTheSecondFactor() {
        credentials().createUser(user("ivy"));
        credentials().enableMfa("ivy", ENROLMENT);

        credentials().deleteUser("ivy");
        credentials().createUser(user("ivy"));

        assertThat(credentials().findMfa("ivy")).isEmpty();
    }

    @Test
    void ofManyLoginsRacingWithOneCodeExactlyOneWins() throws Exception {
        credentials().createUser(user("jack"));
        credentials().enableMfa("jack", ENROLMENT);
        List<Callable<Boolean>> racers = IntStream.range(0, 8).<Callable<Boolean>>mapToObj(i -> () -> credentials().acceptTotpStep("jack", 42)).toList();

        long winners;
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            winners = pool.invokeAll(racers).stream().filter(MfaStoreContract::won).count();
        }

        assertThat(winners).isEqualTo(1);
    }

    private static boolean won(Future<Boolean> f) {
        try {
            return f.get();
        } catch (Exception e) {
            throw new AssertionError("a racing acceptTotpStep failed", e);
        }
    }
}
