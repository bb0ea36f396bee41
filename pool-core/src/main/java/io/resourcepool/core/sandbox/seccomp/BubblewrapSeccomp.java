package io.resourcepool.core.sandbox.seccomp;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How a compiled {@link SeccompProfile} reaches a job under bubblewrap: bwrap gets {@link #OPTIONS} and the
 * program file as its standard input ({@code ProcessBuilder.redirectInput(file)}); it reads the program, loads
 * it as the last step before running the command, and the command and all it starts are held to it.
 *
 * <p>bwrap closes the descriptor it read the program from, so the command would start with no standard input,
 * and the first file it opens would become its input. {@link #withNullInput} puts {@code /dev/null} there first.
 */
public final class BubblewrapSeccomp {
    /** bwrap's options: load the program read from descriptor 0. */
    public static final List<String> OPTIONS = List.of("--seccomp", "0");

    private static final String SHELL = "/bin/sh";

    private BubblewrapSeccomp() {}

    /**
     * The command, started by a shell that first opens {@code /dev/null} as standard input; to follow bwrap's
     * {@code --}. The shell {@code exec}s the command, so no process is left between bwrap and it; the cost is one
     * more {@code exec}, of {@code /bin/sh}.
     *
     * @param command the program and its arguments, passed through unchanged (never parsed by the shell)
     * @return the wrapped command
     */
    public static List<String> withNullInput(List<String> command) {
        Objects.requireNonNull(command, "command must be given");
        if (command.isEmpty()) {
            throw new IllegalArgumentException("command must name a program");
        }
        List<String> wrapped = new ArrayList<>(List.of(SHELL, "-c", "exec \"$@\" </dev/null", "sh"));
        wrapped.addAll(command);
        return List.copyOf(wrapped);
    }
}
