package io.resourcepool.launcher.agent;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts {@code pool agent} as a process of its own that outlives the command that started it: the same Java
 * runtime and class path as this process, in a session of its own ({@code setsid}, where it exists) so that the
 * terminal's Ctrl-C and hang-up do not reach it, writing its own messages to {@code agent.log} in its directory.
 * It keeps the JVM's default compilers (a long-lived process gains from C2, which a short command does not).
 */
public final class AgentStarter {
    private static final Path SETSID = Path.of("/usr/bin/setsid");

    private AgentStarter() {}

    /**
     * Starts the agent in the background and returns at once.
     *
     * @param directory the agent's directory
     * @param options more options for {@code pool agent}, such as {@code --config FILE}
     * @return the started process
     * @throws IOException when the directory cannot be made private or the process cannot start
     */
    public static Process startDetached(Path directory, List<String> options) throws IOException {
        AgentSocket.prepare(directory);
        List<String> command = new ArrayList<>();
        if (Files.isExecutable(SETSID)) {
            command.add(SETSID.toString());
        }
        String java = ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(java, "--enable-native-access=ALL-UNNAMED", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                "io.resourcepool.launcher.Main", "agent", "--dir", directory.toAbsolutePath().toString()));
        command.addAll(options);
        File log = directory.resolve("agent.log").toFile();
        return new ProcessBuilder(command).directory(new File("/")).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log)).redirectErrorStream(true).start();
    }
}
