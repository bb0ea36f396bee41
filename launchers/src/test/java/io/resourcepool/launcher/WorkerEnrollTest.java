package io.resourcepool.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pool worker enroll} refuses, before it reaches any hub and without touching the file, what cannot work. Its
 * success (joining a real hub, then the service starting from the file it wrote) is tested with the Debian package,
 * in pool-dist's DebianPackageIT.
 */
class WorkerEnrollTest {
    private static final String CONFIG = """
            # the worker's file
            worker.hub = 127.0.0.1:7443
            worker.ca-fingerprint =
            """;

    @TempDir
    Path dir;

    private record Outcome(int exitCode, String err) {}

    private static Outcome pool(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = PoolCommand.commandLine(new PrintWriter(out, true), new PrintWriter(err, true), args).execute(args);
        return new Outcome(code, err.toString());
    }

    @Test
    void withoutAJoinTokenItSaysHowToGiveOneAndLeavesTheFileAlone() throws IOException {
        Path file = Files.writeString(dir.resolve("worker.properties"), CONFIG);

        Outcome enroll = pool("worker", "enroll", "--config", file.toString(), "--hub", "127.0.0.1:1", "--ca-fingerprint", "ab:cd");

        assertThat(enroll.exitCode()).isEqualTo(2);
        assertThat(enroll.err()).contains("join token", "--join-token-file", "pool admin join-token create");
        assertThat(Files.readString(file)).isEqualTo(CONFIG);
    }

    @Test
    void aConfigurationFileThatIsNotThereIsNamed() {
        Path absent = dir.resolve("absent.properties");

        Outcome enroll = pool("worker", "enroll", "--config", absent.toString(), "--hub", "127.0.0.1:1", "--ca-fingerprint", "ab:cd",
                "--join-token-env", "NO_SUCH_VARIABLE");

        assertThat(enroll.exitCode()).isEqualTo(2);
        assertThat(enroll.err()).contains(absent.toString(), "does not exist");
        assertThat(absent).doesNotExist();
    }
}
