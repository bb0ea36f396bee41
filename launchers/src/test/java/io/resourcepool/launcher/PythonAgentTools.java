package io.resourcepool.launcher;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;

/** What running the Python agent in a test needs on the machine: {@code python3} and {@code openssl} on the PATH. */
final class PythonAgentTools {
    private PythonAgentTools() {}

    /**
     * Skips the test, saying what to install, when a tool is missing; fails it instead under
     * {@code POOL_TEST_AGENTS=required}, as CI sets.
     */
    static void require() {
        List<String> missing = Set.of("python3", "openssl").stream().filter(tool -> !onPath(tool)).sorted().toList();
        if (missing.isEmpty()) {
            return;
        }
        String why = "the Python agent's test needs " + String.join(" and ", missing) + " on the PATH";
        if ("required".equals(System.getenv("POOL_TEST_AGENTS"))) {
            throw new AssertionError(why + ", and POOL_TEST_AGENTS=required");
        }
        Assumptions.abort(why + "; install them to run it (set POOL_TEST_AGENTS=required to fail instead of skip)");
    }

    private static boolean onPath(String tool) {
        return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .anyMatch(d -> !d.isEmpty() && Files.isExecutable(Path.of(d, tool)));
    }
}
