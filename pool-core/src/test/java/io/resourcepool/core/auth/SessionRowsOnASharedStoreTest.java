package io.resourcepool.core.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.resourcepool.api.AuthenticationException;
import io.resourcepool.api.Role;
import io.resourcepool.api.Secret;
import io.resourcepool.api.spi.store.Store;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Over a store shared with other hubs, the session rows a hub keeps go stale as soon as another hub's credential write
 * is heard, and none are kept while the store does not listen, or across a break in its listening.
 */
class SessionRowsOnASharedStoreTest {
    private static final Secret PASSWORD = Secret.of("correct horse battery");
    private static final Duration HEARD_WITHIN = Duration.ofSeconds(10);

    private final AuthFixture fx = new AuthFixture();
    private final SharedStoreCoordination shared = new SharedStoreCoordination();
    private final AuthServices auth = AuthServices.over(sharedWithOtherHubs(fx.countingStore, shared), fx.config, fx.hasher, SessionKey.inMemory(),
            SeedVault.inMemory(), fx.clock);

    @AfterEach
    void close() {
        auth.close();
        fx.close();
    }

    @Test
    void aLogoutThroughAnotherHubEndsAKeptSessionOnceHeard() {
        Session session = keptSession();

        // another hub writes the same database: not through this hub's store
        fx.store.credentials().revokeSessionsOf("alice", fx.clock.instant());
        shared.anotherHubWrote();

        await().atMost(HEARD_WITHIN).untilAsserted(() -> assertThatThrownBy(() -> resumed(session)).isInstanceOf(AuthenticationException.class));
    }

    @Test
    void nothingIsKeptWhileTheStoreDoesNotListen() {
        Session session = keptSession();
        shared.stopListening();
        long reads = fx.calls("findSession");

        resumed(session);
        resumed(session);

        assertThat(fx.calls("findSession")).isEqualTo(reads + 2);
    }

    @Test
    void rowsKeptBeforeABreakInTheListeningAreReadAgainAfterIt() {
        Session session = keptSession();
        shared.stopListening();
        shared.listenAgain();
        long reads = fx.calls("findSession");

        resumed(session);
        resumed(session);

        assertThat(fx.calls("findSession")).as("read once after the break, then kept again").isEqualTo(reads + 1);
    }

    /** A session resumed twice: read, then kept (the second resume reads nothing). */
    private Session keptSession() {
        assertThat(auth.users().createUser(AuthFixture.ADMIN, "alice", Role.COMPUTE_USER, PASSWORD)).isTrue();
        Session session = auth.authenticator().login("alice", PASSWORD, AuthFixture.SOURCE);
        resumed(session);
        long reads = fx.calls("findSession");
        resumed(session);
        assertThat(fx.calls("findSession")).as("kept").isEqualTo(reads);
        return session;
    }

    private Session resumed(Session session) {
        return auth.authenticator().resume(session.token(), AuthFixture.SOURCE);
    }

    private static Store sharedWithOtherHubs(Store store, SharedStoreCoordination coordination) {
        return (Store) Proxy.newProxyInstance(Store.class.getClassLoader(), new Class<?>[] {Store.class}, (proxy, method, args) -> {
            if (method.getName().equals("coordination")) {
                return Optional.of(coordination);
            }
            try {
                return method.invoke(store, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        });
    }
}
