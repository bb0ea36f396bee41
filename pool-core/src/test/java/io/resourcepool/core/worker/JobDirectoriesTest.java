package io.resourcepool.core.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.resourcepool.api.JobId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobDirectoriesTest {
    @TempDir
    Path data;

    @Test
    void aWorkDirectoryIsPrivateWithAnUnguessableNameAndGoneAfterItsJob() throws Exception {
        JobDirectories directories = new JobDirectories(data.resolve("jobs"), false);

        Path first = directories.create();
        Path second = directories.create();

        assertThat(first.getFileName().toString()).matches("[0-9a-f]{32}").isNotEqualTo(second.getFileName().toString());
        assertThat(Files.getPosixFilePermissions(first)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        Files.writeString(first.resolve("left"), "by the job");
        directories.finished(first, JobId.random(), 1);
        assertThat(first).doesNotExist();
    }

    @Test
    void aWorkDirectoryGoesWhateverTheJobLeftInItNestedLockedOrLinkedOutside() throws Exception {
        JobDirectories directories = new JobDirectories(data.resolve("jobs"), false);
        Path outside = Files.writeString(data.resolve("outside"), "not the job's");
        Path work = directories.create();
        Files.createDirectories(work.resolve(".tmp"));
        Path deep = Files.createDirectories(work.resolve("a/b/c"));
        Files.writeString(deep.resolve("file"), "deep");
        Files.setPosixFilePermissions(work.resolve("a/b"), PosixFilePermissions.fromString("r-x------"));
        Files.createSymbolicLink(work.resolve("link"), outside);
        Files.createSymbolicLink(work.resolve("a/dirlink"), data);

        directories.finished(work, JobId.random(), 1);

        assertThat(work).doesNotExist();
        assertThat(outside).hasContent("not the job's");
        assertThat(data.resolve("jobs")).isDirectory();
    }

    @Test
    void theJobsAndDataDirectoriesArePassableButNotListableWhateverTheUmask() throws Exception {
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxrwxrwx"));
        boolean root = Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));

        new JobDirectories(data.resolve("jobs"), false).create();

        String expected = root ? "rwx--x--x" : "rwx------";
        assertThat(Files.getPosixFilePermissions(data.resolve("jobs"))).isEqualTo(PosixFilePermissions.fromString(expected));
        assertThat(Files.getPosixFilePermissions(data)).isEqualTo(PosixFilePermissions.fromString(expected));
    }

    @Test
    void aKeptWorkDirectoryStaysPrivateAndGoesBackToTheWorker() throws Exception {
        assumeTrue(Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid")), "only root can hand a directory to a job uid");
        JobDirectories directories = new JobDirectories(data.resolve("jobs"), true);
        Path work = directories.create();
        Path file = Files.writeString(work.resolve("result"), "kept");
        for (Path path : new Path[] {work, file}) {
            Files.setAttribute(path, "unix:uid", 61999);
        }

        directories.finished(work, JobId.random(), 1);

        assertThat(file).hasContent("kept");
        assertThat(Files.getAttribute(work, "unix:uid")).isEqualTo(0);
        assertThat(Files.getAttribute(file, "unix:uid")).isEqualTo(0);
        assertThat(Files.getPosixFilePermissions(work)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
    }

    @Test
    void aRootWorkerWhoseDataDirectoryLiesBehindAPrivateDirectorySaysJobsCannotReachTheirWork() throws Exception {
        assumeTrue(Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid")), "only a root worker's jobs have uids of their own");
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwx------"));

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new JobDirectories(data.resolve("worker").resolve("jobs"), false).create())
                .isInstanceOf(java.io.IOException.class)
                .hasMessageContaining(data + ", which only its owner may pass through");
    }
}
