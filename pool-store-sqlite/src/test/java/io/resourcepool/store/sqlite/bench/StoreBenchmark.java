package io.resourcepool.store.sqlite.bench;

import io.resourcepool.api.Secret;
import io.resourcepool.api.spi.store.Store;
import io.resourcepool.store.jdbc.Dialect;
import io.resourcepool.store.jdbc.HikariConnector;
import io.resourcepool.store.jdbc.JdbcStore;
import io.resourcepool.store.jdbc.JdbcStoreConfig;
import io.resourcepool.store.sqlite.SqliteStore;
import io.resourcepool.store.sqlite.SqliteStoreConfig;
import io.resourcepool.testkit.store.TestDatabase;
import io.resourcepool.testkit.store.TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.TestAbortedException;

/**
 * Job-insert and state-update throughput of the stores, on SQLite and on PostgreSQL and MariaDB when they are
 * reachable: rows per second and p50/p99 latency per call, single and in batches. Not a test: it asserts
 * nothing and runs only when asked,
 * <pre>./build -q -pl pool-store-sqlite test -Dgroups=benchmark -Dstore.bench.excluded=none</pre>
 * and writes its table to {@code pool-store-sqlite/target/store-benchmark.md}. {@code -Dbench.singles=N}
 * and {@code -Dbench.batches=N} change the sizes.
 */
@Tag("benchmark")
class StoreBenchmark {
    @TempDir
    Path directory;

    @Test
    void measureEveryStore() throws IOException {
        int singles = Integer.getInteger("bench.singles", 1_000);
        int batches = Integer.getInteger("bench.batches", 100);
        List<String> table = new ArrayList<>(List.of(Percentiles.header()));
        measure("sqlite", () -> new SqliteStore(SqliteStoreConfig.of(directory.resolve("bench.db"))), singles, batches, table);
        for (TestServer server : TestServer.values()) {
            try (TestDatabase db = server.createDatabase()) {
                var config = JdbcStoreConfig.of(db.url(), db.user(), db.password().map(Secret::of));
                Supplier<Store> stores =
                        () -> new JdbcStore(Dialect.forUrl(db.url()), new HikariConnector(config), config.location(), InstantSource.system());
                measure(server.name().toLowerCase(Locale.ROOT), stores, singles, batches, table);
            } catch (TestAbortedException e) {
                table.add("| " + server + " skipped: " + e.getMessage());
            }
        }
        String report = String.join("\n", table) + "\n";
        System.out.print(report);
        Path out = Path.of("target", "store-benchmark.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
    }

    private static void measure(String name, Supplier<Store> stores, int singles, int batches, List<String> table) {
        try (Store store = stores.get()) {
            store.open();
            new BenchmarkRun(store, 300, 5).measureAll(); // warms up the JIT and fills the connection pool
            new BenchmarkRun(store, singles, batches).measureAll().forEach(p -> table.add(p.row(name)));
        }
    }
}
