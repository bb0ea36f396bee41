package io.resourcepool.core.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two worker processes on one machine never hold one job uid at once: the claim of another process (a second JVM
 * here, as a second worker would be) is seen, and let go of by the kernel when that process dies.
 */
class UidClaimsTest {
    @TempDir
    Path dir;

    private Process other;

    @AfterEach
    void stopOther() throws InterruptedException {
        if (other != null) {
            other.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void aUidAnotherProcessClaimedIsRefusedUntilThatProcessDies() throws Exception {
        Path claims = ownerOnly(dir.resolve("job-uids"));
        assertThat(firstLine(holder(claims, 61200))).isEqualTo("claimed");
        UidClaims mine = new UidClaims(claims);

        assertThat(mine.claim(61200)).isFalse();
        assertThat(mine.claim(61201)).isTrue();

        other.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        assertThat(mine.claim(61200)).isTrue();
    }

    @Test
    void aUidLetGoOfMayBeClaimedByAnotherProcess() throws Exception {
        Path claims = ownerOnly(dir.resolve("job-uids"));
        UidClaims mine = new UidClaims(claims);
        assertThat(mine.claim(61300)).isTrue();
        assertThat(firstLine(holder(claims, 61300))).isEqualTo("refused");
        other.destroyForcibly().waitFor(30, TimeUnit.SECONDS);

        mine.release(61300);

        assertThat(firstLine(holder(claims, 61300))).isEqualTo("claimed");
    }

    @Test
    void aDirectoryOthersMayWriteIsNotTrustedAndSaysWhy() throws IOException {
        Path open = Files.createDirectory(dir.resolve("open"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxrwxrwx")));
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxrwxrwx"));

        assertThat(new UidClaims(open).problem()).hasValueSatisfying(reason -> assertThat(reason).contains("may be written by others"));
    }

    private static Path ownerOnly(Path directory) throws IOException {
        return Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    }

    /** A second JVM that claims the uid, says whether it could, and holds the claim until it is killed. */
    private Process holder(Path claims, int uid) throws IOException {
        String java = ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        Process process = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"), UidClaimHolder.class.getName(),
                claims.toString(), Integer.toString(uid))).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        other = process;
        return process;
    }

    private static String firstLine(Process process) throws IOException {
        return new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)).readLine();
    }
}
