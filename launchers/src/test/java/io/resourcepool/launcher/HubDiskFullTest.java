package io.resourcepool.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.resourcepool.api.BusyException;
import io.resourcepool.api.JobId;
import io.resourcepool.api.JobSpec;
import io.resourcepool.api.JobState;
import io.resourcepool.api.spi.store.JobQuery;
import io.resourcepool.core.client.JobInfo;
import io.resourcepool.core.client.PoolClient;
import io.resourcepool.core.hub.HubStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hub's disk fills up: a real hub whose data directory (SQLite store, CA, keys) lies on a tmpfs of 8 MiB made
 * for the test, a real worker with the process sandbox, clients over TLS. New jobs are refused with the figures
 * while the free space is under {@code hub.min-free-disk}; a job that ends while the disk is full to the byte has
 * its result kept by its worker and stored once space returns; the store and the audit chain come out whole; and
 * the hub takes jobs again by itself.
 */
class HubDiskFullTest {
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final long RESERVE = 1L << 20;

    @TempDir
    Path dir;

    @Test
    void aFullDiskRefusesNewJobsWithTheFiguresLosesNoResultAndRecoversWhenSpaceReturns() throws Exception {
        SmallDisk.Result made = SmallDisk.mount(dir.resolve("hub-disk"), "8m");
        Assumptions.assumeTrue(made.disk().isPresent(), () -> made.whyNot() + "; this test needs a small file system of its own. Run it as root"
                + " (CI does): ./build -pl launchers test -Dtest=HubDiskFullTest -Dsurefire.failIfNoSpecifiedTests=false");
        try (SmallDisk disk = made.disk().get()) {
            Path hubDir = disk.mountPoint.resolve("hub");
            try (LivePool pool = new LivePool(dir, Map.of("hub.data-dir", hubDir.toString(), "hub.min-free-disk", "1m"))) {
                pool.enrollWorker("alpha");
                try (PoolClient alice = pool.admin(); PoolClient bob = pool.admin()) {
                    Path gate = dir.resolve("gate");
                    // 64 KiB of output and a last line: the end the store must take is the size of a full output tail
                    JobId running = alice.submit(JobSpec.of("sh", "-c", "while [ ! -e " + gate + " ]; do sleep 0.05; done;"
                            + " head -c 32768 /dev/zero | od -An -v -tx1 | head -c 65536; echo; echo finished"));
                    LivePool.awaitJob(alice, running, PATIENCE, job -> job.state() == JobState.RUNNING);

                    disk.leave(RESERVE / 4);
                    assertThat(pool.hub.hub().status().diskFull()).as("status while %d bytes are free", disk.free()).isTrue();
                    assertThatThrownBy(() -> alice.submit(JobSpec.of("true")))
                            .isInstanceOf(BusyException.class)
                            .hasMessageStartingWith("the hub's disk is full: ")
                            .hasMessageContaining(" free of 8.0 MiB at " + hubDir)
                            .hasMessageContaining("under the 1.0 MiB it keeps free (hub.min-free-disk)")
                            .hasMessageEndingWith("new jobs are refused until space is freed");
                    // everyone else is served meanwhile: a list of jobs, the pool's totals, and a new login
                    assertThat(bob.jobs(JobQuery.all(100))).extracting(JobInfo::id).contains(running);
                    assertThat(bob.aggregate().onlineNodes()).isEqualTo(1);
                    try (PoolClient carol = pool.admin()) {
                        assertThat(carol.job(running).state()).isEqualTo(JobState.RUNNING);
                    }

                    disk.fill();
                    Files.createFile(gate);
                    await("the job's result reaches the hub, whose store cannot take it",
                            () -> pool.hub.hub().status().unrecordedResults() > 0 || bob.job(running).state().isFinal());
                    HubStatus unrecorded = pool.hub.hub().status();
                    assertThat(unrecorded.unrecordedResults()).as("the disk was full to the byte (%d bytes free)", disk.free()).isEqualTo(1);
                    assertThat(bob.job(running).state()).as("not ended before its end is stored").isEqualTo(JobState.RUNNING);

                    disk.removeBallast();
                    JobInfo ended = LivePool.awaitJob(bob, running, PATIENCE, job -> job.state().isFinal());
                    assertThat(ended.state()).isEqualTo(JobState.SUCCEEDED);
                    assertThat(ended.outputTail().asUtf8()).endsWith("finished\n");
                    HubStatus after = pool.hub.hub().status();
                    assertThat(after.diskFull()).isFalse();
                    assertThat(after.unrecordedResults()).isZero();

                    JobId next = alice.submit(JobSpec.of("echo", "space is back"));
                    assertThat(LivePool.awaitJob(alice, next, PATIENCE, job -> job.state().isFinal()).state()).isEqualTo(JobState.SUCCEEDED);
                    assertThat(alice.jobs(JobQuery.all(100))).filteredOn(job -> job.id().equals(running)).hasSize(1);
                    assertThat(alice.admin().verifyAudit().intact()).as("the audit chain").isTrue();
                }
                assertThat(integrityCheck(hubDir.resolve("pool.db"))).isEqualTo("ok");
            }
        }
    }

    @Test
    void withoutAReserveAWriteThatFindsTheDiskFullRefusesTheJobAsClearlyAndTheHubRecovers() throws Exception {
        SmallDisk.Result made = SmallDisk.mount(dir.resolve("hub-disk"), "8m");
        Assumptions.assumeTrue(made.disk().isPresent(), () -> made.whyNot() + "; this test needs a small file system of its own. Run it as root"
                + " (CI does): ./build -pl launchers test -Dtest=HubDiskFullTest -Dsurefire.failIfNoSpecifiedTests=false");
        try (SmallDisk disk = made.disk().get()) {
            Path hubDir = disk.mountPoint.resolve("hub");
            try (LivePool pool = new LivePool(dir, Map.of("hub.data-dir", hubDir.toString(), "hub.min-free-disk", "0"))) {
                pool.enrollWorker("alpha");
                try (PoolClient alice = pool.admin(); PoolClient bob = pool.admin()) {
                    disk.fill();

                    // the guard lets the job through; SQLite then finds no room for it
                    assertThatThrownBy(() -> alice.submit(JobSpec.of("echo", "no room")))
                            .isInstanceOf(BusyException.class)
                            .hasMessageStartingWith("the hub's disk is full: ")
                            .hasMessageContaining(" free of 8.0 MiB at " + hubDir + "; the store could not write the job;")
                            .hasMessageEndingWith("new jobs are refused until space is freed");
                    assertThat(bob.jobs(JobQuery.all(100))).as("nothing half-written").isEmpty();

                    disk.removeBallast();
                    JobId next = alice.submit(JobSpec.of("echo", "space is back"));
                    assertThat(LivePool.awaitJob(alice, next, PATIENCE, job -> job.state().isFinal()).state()).isEqualTo(JobState.SUCCEEDED);
                    assertThat(bob.jobs(JobQuery.all(100))).extracting(JobInfo::id).containsExactly(next);
                    assertThat(alice.admin().verifyAudit().intact()).as("the audit chain").isTrue();
                }
                assertThat(integrityCheck(hubDir.resolve("pool.db"))).isEqualTo("ok");
            }
        }
    }

    private static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + ": not within " + PATIENCE);
            }
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        }
    }

    private static String integrityCheck(Path database) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + database); Statement s = c.createStatement();
                ResultSet rows = s.executeQuery("PRAGMA integrity_check")) {
            rows.next();
            return rows.getString(1);
        }
    }
}
