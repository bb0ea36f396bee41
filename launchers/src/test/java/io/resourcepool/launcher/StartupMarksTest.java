package io.resourcepool.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A command prints its start-up marks (README, "Where one pool status spends its time") only when asked to, as a
 * person asks: {@code JDK_JAVA_OPTIONS=-Dpool.startup.marks=true pool ...}, in a JVM of its own.
 */
class StartupMarksTest {
    private static final Duration END = Duration.ofSeconds(60);

    @TempDir
    Path home;

    @Test
    void marksArePrintedOnStandardErrorWhenAskedFor() {
        try (PoolProcess pool = PoolProcess.start(home, Map.of("JDK_JAVA_OPTIONS", "-D" + StartupMarks.PROPERTY + "=true"), List.of("--version"))) {
            PoolProcess.Finished marked = pool.awaitExit(END);
            assertThat(marked.exitCode()).as(marked.transcript()).isZero();
            assertThat(marked.stdout()).startsWith("pool ");
            assertThat(marked.stderr())
                    .containsPattern("startup mark main +\\d+ ms since JVM start, CPU +\\d+ ms\\n")
                    .containsPattern("startup mark command line built +\\d+ ms since JVM start, \\+ *\\d+ ms, CPU \\+ *\\d+ ms\\n")
                    .containsPattern("startup mark done +\\d+ ms since JVM start");
        }
    }

    @Test
    void noMarksWithoutTheProperty() {
        try (PoolProcess pool = PoolProcess.start(home, Map.of(), List.of("--version"))) {
            PoolProcess.Finished quiet = pool.awaitExit(END);
            assertThat(quiet.exitCode()).as(quiet.transcript()).isZero();
            assertThat(quiet.stderr()).doesNotContain("startup mark");
        }
    }
}
