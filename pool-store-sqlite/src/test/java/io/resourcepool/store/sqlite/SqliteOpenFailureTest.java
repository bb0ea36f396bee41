package io.resourcepool.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.resourcepool.api.StoreException;
import io.resourcepool.api.spi.store.Store;
import io.resourcepool.store.jdbc.JdbcStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Start-up failures a user can fix are each one clear message saying what to do. */
class SqliteOpenFailureTest {
    @TempDir
    Path directory;

    private Path file() {
        return directory.resolve("pool.db");
    }

    private void createStoreFile() {
        try (Store store = new SqliteStore(SqliteStoreConfig.of(file()))) {
            store.open();
        }
    }

    @Test
    void schemaFromTheFutureIsRefused() {
        createStoreFile();
        int known = JdbcStore.latestSchemaVersion(new SqliteDialect());
        new SqliteFile(file()).execute("INSERT INTO schema_version (version, applied_at) VALUES (" + (known + 1) + ", 0)");

        try (Store store = new SqliteStore(SqliteStoreConfig.of(file()))) {
            assertThatThrownBy(store::open)
                    .isInstanceOf(StoreException.class)
                    .hasMessage("the database schema is version " + (known + 1) + " but this ResourcePool knows up to " + known
                            + "; upgrade ResourcePool or point it at another database");
        }
    }

    @Test
    void readOnlyFileIsRefusedAtStart() throws IOException {
        createStoreFile();

        ReadOnlyFile readOnly = ReadOnlyFile.make(file());
        try (Store store = new SqliteStore(SqliteStoreConfig.of(file()))) {
            assertThatThrownBy(store::open)
                    .isInstanceOf(StoreException.class)
                    .hasMessage("cannot write the store file " + file() + ": it is read-only; fix its permissions or choose another data directory");
        } finally {
            readOnly.close();
        }
    }

    @Test
    void fileThatIsNotADatabaseIsRefused() throws IOException {
        Files.writeString(file(), "this is a text file, not a database, and long enough to have a header\n".repeat(20));

        try (Store store = new SqliteStore(SqliteStoreConfig.of(file()))) {
            assertThatThrownBy(store::open)
                    .isInstanceOf(StoreException.class)
                    .hasMessageContaining("is not an SQLite database");
        }
    }

    @Test
    void missingDataDirectoryIsMade() {
        Path nested = directory.resolve("a/b/pool.db");

        try (Store store = new SqliteStore(SqliteStoreConfig.of(nested))) {
            store.open();
        }

        assertThat(nested).exists();
    }

    @Test
    void dataDirectoryThatIsAFileIsRefused() throws IOException {
        Path notADirectory = Files.writeString(directory.resolve("plain"), "x");

        try (Store store = new SqliteStore(SqliteStoreConfig.of(notADirectory.resolve("pool.db")))) {
            assertThatThrownBy(store::open)
                    .isInstanceOf(StoreException.class)
                    .hasMessageContaining("cannot make the data directory " + notADirectory);
        }
    }
}
