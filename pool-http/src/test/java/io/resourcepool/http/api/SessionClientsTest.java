package io.resourcepool.http.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.resourcepool.api.AuthenticationException;
import io.resourcepool.api.Secret;
import io.resourcepool.api.spi.transport.FrameLimits;
import io.resourcepool.core.auth.PasswordHasher;
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
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A session's client is opened and resumed once per source IP and then shared, even by requests that arrive
 * together; it is dropped when the hub refuses its session, when the session is logged out, and when it has not been
 * used for the idle time. Against a real hub, on the hub's own in-process connections.
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
                .config(HubConfig.defaults(dir)).build().start();
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
    void requestsArrivingTogetherShareOneClientPerAddress() throws Exception {
        Secret token = token();
        List<Thread> requests = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            int port = 40000 + i;
            requests.add(Thread.ofVirtual().start(() -> sessions.with("198.51.100.7:" + port, token, PoolClient::aggregate)));
        }
        for (Thread request : requests) {
            request.join();
        }
        sessions.with("203.0.113.5:1234", token, PoolClient::nodes);

        assertThat(opened.get()).isEqualTo(2);
        assertThat(sessions.size()).isEqualTo(2);
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
