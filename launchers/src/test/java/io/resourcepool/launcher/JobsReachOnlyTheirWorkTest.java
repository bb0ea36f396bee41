package io.resourcepool.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.resourcepool.api.JobSpec;
import io.resourcepool.api.NodeId;
import io.resourcepool.api.NodeSelector;
import io.resourcepool.core.client.PoolClient;
import io.resourcepool.core.client.RunResult;
import io.resourcepool.core.sandbox.BubblewrapSandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Through a real hub and worker: a job reaches nothing but its own work, and the hub's files are its owner's. */
@Timeout(value = 90, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class JobsReachOnlyTheirWorkTest {
    private static boolean root() throws Exception {
        return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
    }

    private static RunResult tryToReadTheKey(LivePool pool, PoolClient admin, String sandbox) throws Exception {
        NodeId node = pool.enrollWorker(sandbox, sandbox, Map.of());
        Path key = pool.dir.resolve(sandbox).resolve("tls").resolve("worker-key.pem");
        assertThat(key).exists();
        return admin.run(JobSpec.of("sh", "-c", "cat " + key + "; ls -A " + pool.dir.resolve(sandbox).resolve("jobs") + "; pwd; id -u")
                .withTarget(NodeSelector.named(node)).withTimeout(Duration.ofSeconds(30)));
    }

    @Test
    void aJobOfARootWorkersProcessSandboxCannotReadTheWorkersKeyNorListTheJobs(@TempDir Path dir) throws Exception {
        assumeTrue(root(), "only a root worker gives jobs uids of their own: run the tests as root");
        try (LivePool pool = new LivePool(dir, Map.of()); PoolClient admin = pool.admin()) {
            RunResult run = tryToReadTheKey(pool, admin, "process");

            assertThat(run.stdout().asUtf8()).doesNotContain("PRIVATE KEY");
            assertThat(run.stderr().asUtf8()).contains("Permission denied");
            String workDirectory = run.stdout().asUtf8().lines().filter(line -> line.startsWith("/")).findFirst().orElseThrow();
            assertThat(Path.of(workDirectory).getFileName().toString()).matches("[0-9a-f]{32}");
            assertThat(Path.of(workDirectory)).as("removed after the job").doesNotExist();
        }
    }

    @Test
    void aJobInBubblewrapSeesNeitherTheKeyNorTheOtherJobs(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isExecutable(BubblewrapSandbox.BWRAP), "bubblewrap is not installed; apt-get install bubblewrap to run this test");
        try (LivePool pool = new LivePool(dir, Map.of()); PoolClient admin = pool.admin()) {
            RunResult run = tryToReadTheKey(pool, admin, "bubblewrap");

            assertThat(run.stdout().asUtf8()).doesNotContain("PRIVATE KEY");
            assertThat(run.stderr().asUtf8()).contains("No such file or directory");
        }
    }

    @Test
    void theHubsDataDirectoryAndStoreAreItsOwnersOnlyWhateverTheyWereBefore(@TempDir Path dir) throws Exception {
        Path hub = Files.createDirectory(dir.resolve("hub"));
        // what a umask of 000 would have made
        Files.setPosixFilePermissions(hub, PosixFilePermissions.fromString("rwxrwxrwx"));
        Files.setPosixFilePermissions(Files.createFile(hub.resolve("pool.db")), PosixFilePermissions.fromString("rw-rw-rw-"));

        try (LivePool pool = new LivePool(dir, Map.of())) {
            assertThat(Files.getPosixFilePermissions(hub)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
            for (String name : new String[] {"pool.db", "pool.db-wal", "pool.db-shm"}) {
                assertThat(Files.getPosixFilePermissions(hub.resolve(name))).as(name).isEqualTo(PosixFilePermissions.fromString("rw-------"));
            }
        }
    }
}
