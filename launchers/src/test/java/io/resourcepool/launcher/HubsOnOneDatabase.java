package io.resourcepool.launcher;

import io.resourcepool.api.HubId;
import io.resourcepool.core.client.PoolClient;
import io.resourcepool.launcher.hub.HubKeyFiles;
import io.resourcepool.launcher.hub.HubRuntime;
import io.resourcepool.launcher.worker.WorkerRuntime;
import io.resourcepool.testkit.store.TestDatabase;
import io.resourcepool.testkit.store.TestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Several real hubs (TLS, their own data directories) on one PostgreSQL schema, sharing their key files and CA as an
 * operator running several hubs gives them: the first hub is a {@link LivePool} (its clients and workers trust its
 * CA), and each other hub runs on a copy of the first one's keys. Needs PostgreSQL ({@link TestServer#POSTGRESQL}
 * skips, saying how to run it, without one).
 */
final class HubsOnOneDatabase implements AutoCloseable {
    private final Path dir;
    private final TestDatabase database;
    private final List<HubRuntime> others = new ArrayList<>();
    private LivePool first;
    private boolean firstHubClosed;

    HubsOnOneDatabase(Path dir) {
        this.dir = dir;
        this.database = TestServer.POSTGRESQL.createDatabase();
    }

    /** Starts the first hub, whose data directory the others copy. */
    LivePool first(HubId id, Duration nodeTimeout) {
        return first(id, nodeTimeout, Map.of());
    }

    /** Starts the first hub with some more settings (its HTTPS API, say). */
    LivePool first(HubId id, Duration nodeTimeout, Map<String, String> extraSettings) {
        Map<String, String> settings = new HashMap<>(settings(id, nodeTimeout));
        settings.putAll(extraSettings);
        first = new LivePool(dir, settings);
        return first;
    }

    /** Starts another hub on a copy of the first one's keys and CA, in {@code dir/<id>}. */
    HubRuntime another(HubId id, Duration nodeTimeout) {
        return another(id, nodeTimeout, Map.of());
    }

    /** Starts another hub, as {@link #another(HubId, Duration)}, with some more settings (its HTTPS API, say). */
    HubRuntime another(HubId id, Duration nodeTimeout, Map<String, String> extraSettings) {
        Path data = dir.resolve(id.value()).resolve("hub");
        HubKeyFiles.copy(dir.resolve("hub"), data);
        Map<String, String> settings = new HashMap<>(settings(id, nodeTimeout));
        settings.putAll(extraSettings);
        settings.put("hub.data-dir", data.toString());
        HubRuntime hub = HubRuntime.start(LivePool.hubSettings(dir.resolve(id.value()), settings), Optional.empty());
        others.add(hub);
        return hub;
    }

    /** Closes the first hub alone; its workers and clients stay. */
    void closeFirstHub() {
        first.hub.close();
        firstHubClosed = true;
    }

    /** Closes another hub (its workers stay). */
    void close(HubRuntime hub) {
        others.remove(hub);
        hub.close();
    }

    /** An admin's client of any of the hubs. */
    PoolClient admin(HubRuntime hub) {
        return PoolClient.connect(first.clientTransport, hub.address()).login("admin", LivePool.ADMIN_PASSWORD);
    }

    @Override
    public void close() {
        try (TestDatabase dropped = database) {
            others.forEach(HubRuntime::close);
            if (first == null) {
                return;
            }
            if (firstHubClosed) {
                first.workers.forEach(WorkerRuntime::close);
                first.clientTransport.close();
            } else {
                first.close();
            }
        }
    }

    private Map<String, String> settings(HubId hub, Duration nodeTimeout) {
        Map<String, String> settings = new HashMap<>(Map.of("hub.id", hub.value(), "store.type", "jdbc", "store.url", database.url(),
                "store.user", database.user(), "hub.node-timeout", nodeTimeout.toSeconds() + "s"));
        database.password().ifPresent(password -> settings.put("store.password-file", secretFile(password).toString()));
        return settings;
    }

    private Path secretFile(String password) {
        try {
            Path file = dir.resolve("db-password");
            Files.writeString(file, password);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
