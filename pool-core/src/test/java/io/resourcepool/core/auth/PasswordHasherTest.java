package io.resourcepool.core.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.resourcepool.api.BusyException;
import io.resourcepool.api.PoolException;
import io.resourcepool.api.Secret;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PasswordHasherTest {
    private static final Secret PASSWORD = Secret.of("correct horse battery");

    @Test
    void hashVerifiesOnlyTheRightPassword() {
        try (PasswordHasher hasher = PasswordHasher.insecureForTesting(4, 1, 4)) {
            String hash = hasher.hash(PASSWORD);

            assertThat(hash).startsWith("$2a$04$").doesNotContain(PASSWORD.reveal());
            assertThat(hasher.verify(PASSWORD, hash)).isTrue();
            assertThat(hasher.verify(Secret.of("correct horse batterY"), hash)).isFalse();
            assertThat(hasher.verifications()).isEqualTo(2);
        }
    }

    @Test
    void malformedHashMatchesNothing() {
        try (PasswordHasher hasher = PasswordHasher.insecureForTesting(4, 1, 4)) {
            assertThat(hasher.verify(PASSWORD, "not a bcrypt hash")).isFalse();
            assertThat(hasher.verify(PASSWORD, "$2a$04$short")).isFalse();
            assertThat(hasher.verify(PASSWORD, "")).isFalse();
        }
    }

    @Test
    void unknownUserCheckCostsOneVerificationAndFails() {
        try (PasswordHasher hasher = PasswordHasher.insecureForTesting(4, 1, 4)) {
            assertThat(hasher.verifyUnknownUser(PASSWORD)).isFalse();
            assertThat(hasher.verifications()).isEqualTo(1);
        }
    }

    @Test
    void fullPoolAnswersBusyAtOnce() throws Exception {
        try (PasswordHasher hasher = PasswordHasher.insecureForTesting(4, 1, 1)) {
            CountDownLatch started = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            Future<Boolean> running = hasher.submit(() -> {
                started.countDown();
                return release.await(30, TimeUnit.SECONDS);
            });
            assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
            Future<String> waiting = hasher.submit(() -> "queued");

            assertThatThrownBy(() -> hasher.verify(PASSWORD, "$2a$04$whatever"))
                    .isInstanceOfSatisfying(BusyException.class, busy -> {
                        assertThat(busy).hasMessage("the hub is busy checking passwords: 1 of 1 bcrypt threads busy, 1 of 1 queued; retry in 1 s");
                        assertThat(busy.retryAfter()).isEqualTo(Duration.ofSeconds(1));
                    });
            assertThatThrownBy(() -> hasher.hash(PASSWORD)).isInstanceOf(BusyException.class);

            release.countDown();
            assertThat(running.get(30, TimeUnit.SECONDS)).isTrue();
            assertThat(waiting.get(30, TimeUnit.SECONDS)).isEqualTo("queued");
            assertThat(hasher.verify(PASSWORD, hasher.hash(PASSWORD))).as("works again once drained").isTrue();
        }
    }

    @Test
    void bcryptRunsOnNamedThreads() throws Exception {
        try (PasswordHasher hasher = PasswordHasher.insecureForTesting(4, 1, 1)) {
            assertThat(hasher.submit(() -> Thread.currentThread().getName()).get(30, TimeUnit.SECONDS))
                    .isEqualTo("bcrypt-1");
        }
    }

    @Test
    void closedHasherRefusesWork() {
        PasswordHasher hasher = PasswordHasher.insecureForTesting(4, 1, 1);
        hasher.close();

        assertThatThrownBy(() -> hasher.hash(PASSWORD))
                .isInstanceOf(PoolException.class)
                .isNotInstanceOf(BusyException.class)
                .hasMessageContaining("shutting down");
    }

    @Test
    void productionHasherUsesTheConfiguredCost() {
        try (PasswordHasher hasher = PasswordHasher.start(new AuthConfig(10, 1, 1, 5, Duration.ofMinutes(15),
                Duration.ofHours(1)))) {
            assertThat(hasher.cost()).isEqualTo(10);
        }
    }

    @Test
    void testingPathStillRefusesNonsenseCosts() {
        assertThatThrownBy(() -> PasswordHasher.insecureForTesting(3, 1, 1)).hasMessageContaining("cost");
        assertThatThrownBy(() -> PasswordHasher.insecureForTesting(4, 0, 1)).hasMessageContaining("threads");
    }
}
