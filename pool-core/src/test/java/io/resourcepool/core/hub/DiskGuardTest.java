package io.resourcepool.core.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.resourcepool.api.BusyException;
import io.resourcepool.api.StoreException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The disk guard on a real directory: the reserve, the figures in its refusals, and what counts as a full disk. */
class DiskGuardTest {
    @TempDir
    Path dir;

    @Test
    void aReserveLargerThanTheFreeSpaceRefusesNewJobsWithTheFigures() throws IOException {
        long free = Files.getFileStore(dir).getUsableSpace();
        Assumptions.assumeTrue(free < DiskReserve.MAX_BYTES, "the temporary directory has more than 1 TiB free; no reserve can exceed it");
        DiskGuard guard = new DiskGuard(new DiskReserve(DiskReserve.MAX_BYTES), List.of(dir));

        assertThatThrownBy(guard::admitNewJob)
                .isInstanceOfSatisfying(BusyException.class, e -> assertThat(e.retryAfter()).isEqualTo(DiskGuard.RETRY_AFTER))
                .hasMessageStartingWith("the hub's disk is full: ")
                .hasMessageContaining(" free of ")
                .hasMessageContaining(" at " + dir + ", under the 1.0 TiB it keeps free (hub.min-free-disk)")
                .hasMessageEndingWith("; new jobs are refused until space is freed");
    }

    @Test
    void noReserveAdmitsEveryJob() {
        assertThatCode(new DiskGuard(new DiskReserve(0), List.of(dir))::admitNewJob).doesNotThrowAnyException();
    }

    @Test
    void theFullestOfTheWatchedDirectoriesIsReported() {
        DiskGuard guard = new DiskGuard(DiskReserve.DEFAULT, List.of(dir, dir.resolve("not-there")));

        assertThat(guard.tightest()).hasValueSatisfying(space -> {
            assertThat(space.directory()).isEqualTo(dir);
            assertThat(space.freeBytes()).isPositive().isLessThanOrEqualTo(space.totalBytes());
        });
        assertThat(new DiskGuard(DiskReserve.DEFAULT, List.of(dir.resolve("not-there"))).tightest()).isEmpty();
    }

    @Test
    void aWriteRefusedForWantOfSpaceIsToldAsAFullDisk() {
        DiskGuard guard = new DiskGuard(DiskReserve.DEFAULT, List.of(dir));
        List<RuntimeException> full = List.of(
                new StoreException("the store could not create 1 jobs", new SQLException("[SQLITE_FULL] Insertion failed", null, 13)),
                new StoreException("could not insert", new SQLException("could not extend file", "53100")),
                new UncheckedIOException(new IOException("No space left on device")));

        for (RuntimeException failure : full) {
            assertThat(guard.explain(failure)).as(failure.toString()).isInstanceOf(BusyException.class)
                    .hasMessageStartingWith("the hub's disk is full: ")
                    .hasMessageContaining(" at " + dir + "; the store could not write the job; new jobs are refused until space is freed");
        }
    }

    @Test
    void anyOtherStoreFailureIsPassedOnAsItIs() {
        StoreException other = new StoreException("the store failed", new SQLException("connection refused", "08001"));

        assertThat(new DiskGuard(DiskReserve.DEFAULT, List.of(dir)).explain(other)).isSameAs(other);
    }

    @Test
    void aReserveOutOfRangeIsRefusedNamingItsField() {
        assertThatThrownBy(() -> new DiskReserve(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("minFreeBytes must be from 0 (no reserve) to 1099511627776 (1 TiB), was -1");
        assertThatThrownBy(() -> new DiskReserve(DiskReserve.MAX_BYTES + 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("minFreeBytes must be from 0");
        assertThat(new DiskReserve(100).breachedBy(99)).isTrue();
        assertThat(new DiskReserve(100).breachedBy(100)).isFalse();
    }

    @Test
    void figuresAreWrittenInBinaryUnits() {
        assertThat(new DiskSpace(Path.of("/var/lib/resourcepool"), 12 * 1024, 2 * 1024 * 1024).describe())
                .isEqualTo("12.0 KiB free of 2.0 MiB at /var/lib/resourcepool");
        assertThat(DiskSpace.bytes(1023)).isEqualTo("1023 B");
    }
}
