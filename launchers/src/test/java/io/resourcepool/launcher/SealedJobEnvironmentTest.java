package io.resourcepool.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.resourcepool.api.JobId;
import io.resourcepool.api.JobSpec;
import io.resourcepool.api.JobState;
import io.resourcepool.api.NodeSelector;
import io.resourcepool.core.client.AuditRow;
import io.resourcepool.core.client.JobInfo;
import io.resourcepool.core.client.PoolClient;
import io.resourcepool.core.client.RunResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * On a real pool with the SQLite store, a job's environment value is never in the store's files (the database and
 * its write-ahead log, read raw) nor in an audit row, while the job's program sees it: when it runs at once, and
 * when it waited in the store through a restart of the hub. The program prints the value in hex: its output is
 * kept in the store, and a value it printed as it is would be there because the job showed it, not because the
 * hub stored it.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SealedJobEnvironmentTest {
    private static final String SECRET = "very-secret-value-123";
    private static final String SECRET_IN_HEX = HexFormat.of().formatHex(SECRET.getBytes(StandardCharsets.UTF_8));
    private static final JobSpec PRINTS_SECRET = JobSpec.of("sh", "-c", "printf %s \"$SECRET\" | od -An -tx1 | tr -d ' \\n'")
            .withEnvironment(Map.of("SECRET", SECRET));

    @Test
    void theValueReachesTheProgramButNeverTheStoreFilesOrTheAuditLogAcrossARestart(@TempDir Path dir) throws Exception {
        JobId waiting;
        try (LivePool pool = new LivePool(dir, Map.of())) {
            pool.enrollWorker("w1");
            try (PoolClient admin = pool.admin()) {
                RunResult ran = admin.run(PRINTS_SECRET);
                // waits in the store for a worker named w2, which joins only after the restart
                waiting = admin.submit(PRINTS_SECRET.withTarget(NodeSelector.labelled(Map.of("name", "w2"))));

                assertThat(ran.stdout().asUtf8()).isEqualTo(SECRET_IN_HEX);
                assertNeverInTheAuditLog(admin);
            }
            assertNotInTheStoreFiles(dir);
        }
        assertNotInTheStoreFiles(dir);

        try (LivePool restarted = new LivePool(dir, Map.of())) {
            restarted.enrollWorker("w2");
            try (PoolClient admin = restarted.admin()) {
                JobInfo done = LivePool.awaitJob(admin, waiting, Duration.ofSeconds(60), job -> job.state().isFinal());

                assertThat(done.state()).isEqualTo(JobState.SUCCEEDED);
                assertThat(done.outputTail().asUtf8()).isEqualTo(SECRET_IN_HEX);
                assertNeverInTheAuditLog(admin);
            }
            assertNotInTheStoreFiles(dir);
        }
    }

    private static void assertNeverInTheAuditLog(PoolClient admin) {
        assertThat(admin.admin().audit("", "", 500)).as("the audit log").isNotEmpty()
                .extracting(AuditRow::toString).noneMatch(row -> row.contains(SECRET));
    }

    /** The database and its -wal (and -shm) as bytes, whatever a checkpoint has or has not moved yet. */
    private static void assertNotInTheStoreFiles(Path dir) throws IOException {
        StringBuilder bytes = new StringBuilder();
        try (Stream<Path> files = Files.list(dir.resolve("hub"))) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith("pool.db")).toList()) {
                bytes.append(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
            }
        }
        assertThat(bytes.toString()).as("the store's files").contains("SECRET").doesNotContain(SECRET);
    }
}
