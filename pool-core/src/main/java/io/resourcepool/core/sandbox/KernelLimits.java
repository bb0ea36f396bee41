package io.resourcepool.core.sandbox;

import io.resourcepool.api.SandboxException;
import io.resourcepool.api.spi.sandbox.ExitStatus;
import io.resourcepool.api.spi.sandbox.IsolationFeature;
import io.resourcepool.api.spi.sandbox.SandboxLimits;
import io.resourcepool.api.spi.sandbox.Termination;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The kernel limits of {@link SandboxLimits} ({@code memoryBytes}, {@code cpuTime}, {@code processes}), set by
 * util-linux {@code prlimit} right before the program, after any user switch: {@code RLIMIT_AS} for memory,
 * {@code RLIMIT_CPU} for CPU time and {@code RLIMIT_NPROC} for processes. The rlimits are per process and
 * inherited, except {@code RLIMIT_NPROC}, which the kernel counts over every process of the job's user.
 *
 * <p>A request without any of these limits runs without {@code prlimit}, so it costs no extra {@code exec}.
 */
final class KernelLimits {
    /** Where {@code prlimit} is looked for. */
    static final List<Path> PRLIMIT = List.of(Path.of("/usr/bin/prlimit"), Path.of("/bin/prlimit"));
    /** What a job killed by SIGXCPU exits with: 128 + 24. */
    static final int SIGXCPU_EXIT = 152;
    private static final int SIGKILL_EXIT = 137;
    private static final Set<IsolationFeature> FEATURES =
            Set.of(IsolationFeature.MEMORY_LIMIT, IsolationFeature.CPU_TIME_LIMIT, IsolationFeature.PROCESS_LIMIT);

    private final Optional<Path> prlimit;

    private KernelLimits(Optional<Path> prlimit) {
        this.prlimit = prlimit;
    }

    /**
     * Looks for {@code prlimit}.
     *
     * @param candidates where to look, in order
     * @return the limits, enforceable or not
     */
    static KernelLimits find(List<Path> candidates) {
        return new KernelLimits(candidates.stream().filter(Files::isExecutable).findFirst());
    }

    /**
     * The protections given: memory, CPU time and processes when {@code prlimit} exists, none otherwise.
     *
     * @return the features
     */
    Set<IsolationFeature> features() {
        return prlimit.isPresent() ? FEATURES : Set.of();
    }

    /**
     * Says in words what is enforced.
     *
     * @return a phrase for an isolation description
     */
    String describe() {
        return prlimit.isPresent()
                ? "kernel limits (prlimit) on address space, CPU time and processes of the job's user, when asked for"
                : "no kernel limits on memory, CPU time or processes: prlimit (util-linux) not found in " + PRLIMIT;
    }

    /**
     * The command line that runs a program under the request's kernel limits: the program itself when none is
     * asked for.
     *
     * @param limits the request's limits
     * @param program the program's absolute path
     * @param arguments its arguments
     * @return the program followed by its arguments, or {@code prlimit} with its options, {@code --} and those
     * @throws SandboxException when a limit is asked for and {@code prlimit} is missing
     */
    List<String> commandLine(SandboxLimits limits, Path program, List<String> arguments) {
        List<String> line = new ArrayList<>();
        if (requested(limits)) {
            line.add(prlimit.orElseThrow(() -> new SandboxException("cannot start '" + program.getFileName()
                    + "': it asks for a memory, CPU-time or process limit, and prlimit was not found in " + PRLIMIT
                    + "; install util-linux (Debian: apt-get install util-linux)")).toString());
            line.addAll(options(limits));
            line.add("--");
        }
        line.add(program.toString());
        line.addAll(arguments);
        return line;
    }

    private static boolean requested(SandboxLimits limits) {
        return limits.memoryBytes() > 0 || !limits.cpuTime().isZero() || limits.processes() > 0;
    }

    private static List<String> options(SandboxLimits limits) {
        List<String> options = new ArrayList<>();
        if (limits.memoryBytes() > 0) {
            options.add("--as=" + limits.memoryBytes());
        }
        if (!limits.cpuTime().isZero()) {
            long seconds = cpuSeconds(limits.cpuTime());
            // a soft limit below the hard one: SIGXCPU first, which says why, and SIGKILL a second later
            options.add("--cpu=" + seconds + ":" + (seconds + 1));
        }
        if (limits.processes() > 0) {
            options.add("--nproc=" + limits.processes());
        }
        return options;
    }

    /** RLIMIT_CPU counts whole seconds: a part of one is rounded up, so a job never gets less than asked. */
    static long cpuSeconds(Duration cpuTime) {
        long seconds = cpuTime.getSeconds();
        return cpuTime.getNano() > 0 ? seconds + 1 : seconds;
    }

    /**
     * How a command that ended by itself ended, in the light of its kernel limits. Death by SIGXCPU, or by
     * SIGKILL under a CPU-time limit, is the CPU limit. Running out of address space cannot be told apart from
     * other failures: a failed allocation usually ends the program with a non-zero code, so that is only hinted.
     *
     * @param limits the command's limits
     * @param exitCode its exit code
     * @param outputTruncated whether its output was cut
     * @return the status
     */
    static ExitStatus judge(SandboxLimits limits, int exitCode, boolean outputTruncated) {
        if (!limits.cpuTime().isZero() && (exitCode == SIGXCPU_EXIT || exitCode == SIGKILL_EXIT)) {
            return new ExitStatus(Termination.LIMIT_EXCEEDED, exitCode, outputTruncated,
                    "exceeded its CPU time limit of " + cpuSeconds(limits.cpuTime()) + "s");
        }
        if (limits.memoryBytes() > 0 && exitCode != 0) {
            return new ExitStatus(Termination.EXITED, exitCode, outputTruncated,
                    "memory limit was " + limits.memoryBytes() + " bytes (allocation failures exit non-zero)");
        }
        return new ExitStatus(Termination.EXITED, exitCode, outputTruncated, "");
    }
}
