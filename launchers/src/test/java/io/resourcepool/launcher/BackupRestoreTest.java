package io.resourcepool.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.resourcepool.api.JobId;
import io.resourcepool.api.JobSpec;
import io.resourcepool.api.JobState;
import io.resourcepool.api.Role;
import io.resourcepool.api.Secret;
import io.resourcepool.core.client.JobInfo;
import io.resourcepool.core.client.PoolClient;
import io.resourcepool.launcher.PoolCli.Outcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pool admin backup} on a hub serving a stream of jobs, and the restore docs/OPERATIONS.md describes: the backup
 * file as {@code pool.db} of a new data directory with the key files beside it, and a new hub on it that serves the
 * same users (password login) and jobs (listing and output).
 */
class BackupRestoreTest {
    private static final Secret DANA = Secret.of("dana-password");
    private static final int MAX_JOBS = 400;

    @TempDir
    Path dir;

    @Test
    void backupTakenUnderLoadRestoresIntoAHubServingTheSameUsersAndJobs() throws Exception {
        LivePool.passable(dir); // the worker's jobs run under uids of their own and pass through to their directories
        Path backup = dir.resolve("backups").resolve("pool-backup.db");
        Files.createDirectories(backup.getParent());
        List<JobId> doneBeforeBackup;
        List<JobId> submitted = new CopyOnWriteArrayList<>();
        Outcome made;
        try (LivePool pool = new LivePool(Files.createDirectories(dir.resolve("live")), Map.of())) {
            pool.enrollWorker("w1");
            try (PoolClient admin = pool.admin()) {
                admin.admin().addUser("dana", Role.COMPUTE_USER, DANA);
            }
            try (PoolClient dana = pool.connect().login("dana", DANA)) {
                AtomicBoolean stop = new AtomicBoolean();
                Thread load = Thread.ofPlatform().name("job-load").start(() -> submitUntil(pool, stop, submitted));
                doneBeforeBackup = awaitFinished(dana, submitted, 20);
                int submittedBeforeBackup = submitted.size();

                made = new PoolCli(pool, dir).run("admin", "backup", backup.toString(), "--data-dir", pool.dir.resolve("hub").toString());

                awaitMoreThan(submitted, submittedBeforeBackup + 5);
                stop.set(true);
                load.join();
                assertThat(submitted.size()).as("jobs went on being submitted around the backup").isGreaterThan(submittedBeforeBackup);
                System.out.printf("jobs submitted: %d before the backup, %d in all%n", submittedBeforeBackup, submitted.size());
            }
        }
        assertThat(made.exitCode()).as(made.toString()).isZero();
        assertThat(made.out()).contains("schema version 6", "users: 2", "session-key", "job-env-key", "tls/");
        assertThat(Files.getPosixFilePermissions(backup)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(backup.resolveSibling("pool-backup.db.partial")).doesNotExist();

        Path restored = restore(backup, dir.resolve("live").resolve("hub"), dir.resolve("restored"));
        try (LivePool pool = new LivePool(restored, Map.of()); PoolClient dana = pool.connect().login("dana", DANA)) {
            for (JobId id : doneBeforeBackup) {
                JobInfo job = dana.job(id);
                assertThat(job.state()).as(job + " " + job.outputTail().asUtf8()).isEqualTo(JobState.SUCCEEDED);
                assertThat(job.outputTail().asUtf8()).isEqualTo("job " + submitted.indexOf(id) + "\n");
            }
            assertThat(dana.jobs(io.resourcepool.api.spi.store.JobQuery.all(500))).extracting(JobInfo::id).containsAll(doneBeforeBackup);
            try (PoolClient admin = pool.admin()) {
                assertThat(admin.admin().verifyAudit().intact()).isTrue();
            }
        }
    }

    @Test
    void anExistingFileIsNeverOverwritten() throws IOException {
        Path taken = Files.writeString(dir.resolve("taken.db"), "precious");
        try (LivePool pool = new LivePool(Files.createDirectories(dir.resolve("live")), Map.of())) {
            Outcome refused = new PoolCli(pool, dir).run("admin", "backup", taken.toString(), "--data-dir", pool.dir.resolve("hub").toString());

            assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(1);
            assertThat(refused.err()).contains("already exists", "never overwrites");
        }
        assertThat(Files.readString(taken)).isEqualTo("precious");
    }

    @Test
    void aJdbcStoreIsRefusedWithThePointerToItsOwnTools() {
        Outcome refused = new PoolCli(null, dir).run("admin", "backup", dir.resolve("b.db").toString(), "--set", "store.type=jdbc",
                "--set", "store.url=jdbc:postgresql://127.0.0.1:5432/test");

        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(1);
        assertThat(refused.err()).contains("pg_dump", "mariadb-dump", "docs/OPERATIONS.md");
        assertThat(dir.resolve("b.db")).doesNotExist();
    }

    private static void submitUntil(LivePool pool, AtomicBoolean stop, List<JobId> submitted) {
        try (PoolClient dana = pool.connect().login("dana", DANA)) {
            // at most MAX_JOBS, so that one listing of the restored hub holds them all
            while (!stop.get() && submitted.size() < MAX_JOBS) {
                submitted.add(dana.submit(JobSpec.of("echo", "job " + submitted.size())));
            }
        }
    }

    /** Waits until the first {@code count} jobs submitted have finished, and returns them. */
    private static List<JobId> awaitFinished(PoolClient client, List<JobId> submitted, int count) {
        awaitMoreThan(submitted, count);
        List<JobId> first = submitted.stream().limit(count).toList(); // a snapshot: the load goes on adding meanwhile
        first.forEach(id -> LivePool.awaitJob(client, id, Duration.ofSeconds(60), j -> j.state().isFinal()));
        return first;
    }

    private static void awaitMoreThan(List<JobId> submitted, int count) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (submitted.size() <= count) {
            assertThat(System.nanoTime()).as("%d jobs submitted within a minute", count).isLessThan(deadline);
            Thread.onSpinWait();
            java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
        }
    }

    /** The restore of docs/OPERATIONS.md: the backup as pool.db of an empty data directory, the key files beside it. */
    private static Path restore(Path backup, Path oldData, Path newHome) throws IOException {
        Path data = Files.createDirectories(newHome.resolve("hub"));
        Files.copy(backup, data.resolve("pool.db"));
        try (Stream<Path> keys = Files.walk(oldData)) {
            for (Path from : keys.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith("pool.db")).toList()) {
                Path to = data.resolve(oldData.relativize(from));
                Files.createDirectories(to.getParent());
                Files.copy(from, to, StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
        return newHome;
    }
}
