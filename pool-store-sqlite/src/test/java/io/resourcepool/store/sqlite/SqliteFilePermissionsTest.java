package io.resourcepool.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store's file holds password hashes and sessions: nobody but its owner reads it, whatever the umask. */
class SqliteFilePermissionsTest {
    @TempDir
    Path parent;

    @Test
    void aNewStoreIsMadeInAPrivateDirectoryAndItsFilesAreTheOwnersOnly() throws Exception {
        Path directory = parent.resolve("hub");
        try (SqliteStore store = new SqliteStore(SqliteStoreConfig.inDirectory(directory))) {
            store.open();

            assertThat(Files.getPosixFilePermissions(directory)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
            for (String name : new String[] {"pool.db", "pool.db-wal", "pool.db-shm"}) {
                assertThat(Files.getPosixFilePermissions(directory.resolve(name))).as(name).isEqualTo(PosixFilePermissions.fromString("rw-------"));
            }
        }
    }

    @Test
    void filesLeftOpenToEveryoneAreNarrowedWhenTheStoreOpens() throws Exception {
        // what a umask of 000 would have made
        Files.setPosixFilePermissions(parent, PosixFilePermissions.fromString("rwxrwxrwx"));
        for (String name : new String[] {"pool.db", "pool.db-wal", "pool.db-shm"}) {
            Files.setPosixFilePermissions(Files.createFile(parent.resolve(name)), PosixFilePermissions.fromString("rw-rw-rw-"));
        }
        try (SqliteStore store = new SqliteStore(SqliteStoreConfig.inDirectory(parent))) {
            store.open();

            for (String name : new String[] {"pool.db", "pool.db-wal", "pool.db-shm"}) {
                assertThat(Files.getPosixFilePermissions(parent.resolve(name))).as(name).isEqualTo(PosixFilePermissions.fromString("rw-------"));
            }
        }
    }
}
