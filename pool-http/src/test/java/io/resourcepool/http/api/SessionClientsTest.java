package io.resourcepool.http.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.resourcepool.api.AuthenticationException;
import io.resourcepool.api.Secret;
import io.resourcepool.api.spi.transport.FrameLimits;
import io.resourcepool.core.auth.PasswordHasher;
import io.resourcepool.core.auth.RateLimits;
import io.resourcepool.core.client.PoolClient;
import io.resourcepool.core.hub.Hub;
import io.resourcepool.core.hub.HubConfig;
import io.resourcepool.testkit.store.InMemoryStore;
import io.resourcepool.testkit.transport.LoopbackNetwork;
import io.resourcepool.testkit.transport.LoopbackTransport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A session's clients are opened and resumed per source IP and then reused; another is opened, one at a time, only
 * while all are busy, so requests arriving together never have two RESUMEs in flight; they are dropped when the hub
 * refuses the session, when it is logged out, and when it has not been used for the idle time. Against a real hub
 * (which lets an address have one failed login in flight), on the hub's own in-process connections.
 */
class SessionClientsTest {
    private static final Secret PASSWORD = Secret.of("admin-password-1");

    @TempDir
    Path dir;

    private final InMemoryStore store = InMemoryStore.opened();
    private final PasswordHasher hasher = PasswordHasher.insecureForTesting(4, 2, 64);
    private final LoopbackTransport transport = new LoopbackNetwork().transport(FrameLimits.DEFAULT);
    private final AtomicInteger opened = new AtomicInteger();
    private Hub hub;
    private SessionClients sessions;

    @BeforeEach
    void start() {
        hub = Hub.builder().transport(transport).store(store).passwordHasher(hasher).firstAdminPassword(PASSWORD)
                .config(HubConfig.defaults(dir).withRateLimits(RateLimits.defaults().withLoginFailures(1, Duration.ofMinutes(15))))
                .build().start();
        sessions = new SessionClients(peer -> {
            opened.incrementAndGet();
            return PoolClient.over(hub.connectInProcess(peer), hub.maxFrameBytes());
        }, Duration.ofMillis(300));
    }

    @AfterEach
    void stop() {
        sessions.close();
        hub.close();
        transport.close();
        hasher.close();
        store.close();
    }

    private Secret token() {
        try (PoolClient client = PoolClient.over(hub.connectInProcess("192.0.2.1:1"), hub.maxFrameBytes()).login("admin", PASSWORD)) {
            return client.sessionToken().orElseThrow();
        }
    }

    @Test
    void requestsOneAfterAnotherReuseOneClientPerAddress() {
        Secret token = token();
        for (int i = 0; i < 10; i++) {
            sessions.with("198.51.100.7:" + (40000 + i), token, PoolClient::aggregate);
        }
        sessions.with("203.0.113.5:1234", token, PoolClient::nodes);

        assertThat(opened.get()).isEqualTo(2);
        assertThat(sessions.size()).isEqualTo(2);
        assertThat(sessions.clientsOf(token, "198.51.100.7:1")).isEqualTo(1);
    }

    @Test
    void aSessionWhoseClientsAreAllBusyOpensAnother() throws Exception {
        Secret token = token();
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread busy = Thread.ofVirtual().start(() -> sessions.with("198.51.100.7:1", token, client -> {
            holding.countDown();
            awaitQuietly(release);
            return client.aggregate();
        }));
        holding.await();

        sessions.with("198.51.100.7:2", token, PoolClient::aggregate);
        release.countDown();
        busy.join();
        sessions.with("198.51.100.7:3", token, PoolClient::aggregate);

        assertThat(opened.get()).isEqualTo(2);
        assertThat(sessions.clientsOf(token, "198.51.100.7:4")).isEqualTo(2);
    }

    @Test
    void manyRequestsArrivingTogetherNeverHaveTwoResumesInFlight() throws Exception {
        Secret token = token();
        List<Thread> requests = new ArrayList<>();
        List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        for (int i = 0; i < 60; i++) {
            int port = 40000 + i;
            requests.add(Thread.ofVirtual().start(() -> {
                try {
                    sessions.with("198.51.100.7:" + port, token, PoolClient::aggregate);
                } catch (RuntimeException e) {
                    failures.add(e);
                }
            }));
        }
        for (Thread request : requests) {
            request.join();
        }

        // the hub here lets an address have one failed login (or RESUME) in flight: two at once would be refused busy
        assertThat(failures).isEmpty();
        assertThat(opened.get()).isBetween(1, KeptSession.MAX_CLIENTS);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void aLoggedOutSessionsClientsAreDroppedAndItsTokenRefused() {
        Secret token = token();
        sessions.with("198.51.100.7:1", token, PoolClient::aggregate);

        sessions.with("198.51.100.7:2", token, client -> {
            client.logout();
            return true;
        });
        sessions.ended(token);

        assertThat(sessions.size()).isZero();
        assertThatThrownBy(() -> sessions.with("198.51.100.7:3", token, PoolClient::aggregate)).isInstanceOf(AuthenticationException.class);
        assertThat(sessions.size()).as("a refused session keeps no client").isZero();
    }

    @Test
    void aClientUnusedForTheIdleTimeIsClosed() {
        sessions.with("198.51.100.7:1", token(), PoolClient::aggregate);
        assertThat(sessions.size()).isEqualTo(1);

        await().atMost(Duration.ofSeconds(10)).until(() -> sessions.size() == 0);
    }
}
