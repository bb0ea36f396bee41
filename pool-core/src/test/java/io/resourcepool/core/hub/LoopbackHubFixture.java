package io.resourcepool.core.hub;

import io.resourcepool.api.Secret;
import io.resourcepool.api.spi.transport.FrameLimits;
import io.resourcepool.core.auth.PasswordHasher;
import io.resourcepool.core.auth.RateLimits;
import io.resourcepool.core.client.PoolClient;
import io.resourcepool.testkit.store.InMemoryStore;
import io.resourcepool.testkit.time.ManualClock;
import io.resourcepool.testkit.transport.LoopbackNetwork;
import io.resourcepool.testkit.transport.LoopbackTransport;
import java.nio.file.Path;
import java.time.Duration;

/** A hub on an in-memory network and store, with a manual clock and cheap bcrypt, for fast conversation tests. */
final class LoopbackHubFixture implements AutoCloseable {
    static final Secret ADMIN_PASSWORD = Secret.of("admin-password-1");

    final ManualClock clock = ManualClock.start();
    final LoopbackNetwork network = new LoopbackNetwork();
    final InMemoryStore store = InMemoryStore.opened();
    final PasswordHasher hasher = PasswordHasher.insecureForTesting(4, 2, 64);
    final LoopbackTransport clientTransport = network.transport(FrameLimits.DEFAULT);
    final Hub hub;

    LoopbackHubFixture(Path dataDir) {
        this(dataDir, HubObserver.NONE);
    }

    LoopbackHubFixture(Path dataDir, HubObserver observer) {
        hub = Hub.builder()
                .observer(observer)
                .transport(network.transport(FrameLimits.DEFAULT))
                .store(store)
                .passwordHasher(hasher)
                .firstAdminPassword(ADMIN_PASSWORD)
                .clock(clock)
                // every loopback peer shares one address; the per-address limits have their own tests over TLS
                .config(HubConfig.defaults(dataDir).withRateLimits(RateLimits.defaults().withLoginFailures(1_000, Duration.ofMinutes(15))))
                .build()
                .start();
    }

    PoolClient connect() {
        return PoolClient.connect(clientTransport, hub.address());
    }

    PoolClient admin() {
        return connect().login("admin", ADMIN_PASSWORD);
    }

    @Override
    public void close() {
        hub.close();
        hasher.close();
        store.close();
    }
}
