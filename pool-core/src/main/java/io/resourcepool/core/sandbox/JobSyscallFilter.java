package io.resourcepool.core.sandbox;

import io.resourcepool.api.SandboxException;
import io.resourcepool.core.sandbox.seccomp.BubblewrapSeccomp;
import io.resourcepool.core.sandbox.seccomp.SeccompProfile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The system-call filter of a bubblewrap sandbox's jobs: the standard {@link SeccompProfile}, compiled once (on
 * the first job) to a file of this JVM's, which each job's bwrap reads on its standard input. Where it cannot be
 * had (no libseccomp, another architecture), jobs run without one, and the isolation says so: the namespaces and
 * the job's own identity still hold.
 */
final class JobSyscallFilter {
    private static final Logger LOG = LoggerFactory.getLogger(JobSyscallFilter.class);

    private final SeccompProfile profile;
    private volatile Optional<Path> program;
    private volatile String problem = "";

    JobSyscallFilter(SeccompProfile profile) {
        this.profile = profile;
    }

    /** The standard filter for this machine's architecture. */
    static JobSyscallFilter standard() {
        return new JobSyscallFilter(SeccompProfile.standard());
    }

    /** The compiled program, or empty when jobs run without a filter. */
    Optional<Path> program() {
        Optional<Path> compiled = program;
        if (compiled == null) {
            synchronized (this) {
                if (program == null) {
                    program = compile();
                }
                compiled = program;
            }
        }
        return compiled;
    }

    private Optional<Path> compile() {
        Optional<String> unavailable = profile.unavailableReason();
        if (unavailable.isPresent()) {
            problem = unavailable.get();
            LOG.warn("{}", problem);
            return Optional.empty();
        }
        try {
            Path file = Files.createTempFile("resourcepool-seccomp-", ".bpf");
            file.toFile().deleteOnExit();
            return Optional.of(profile.compileTo(file));
        } catch (IOException | SandboxException e) {
            problem = "seccomp: none (the filter could not be compiled: " + e.getMessage() + ")";
            LOG.warn("{}; jobs run without a system-call filter", problem);
            return Optional.empty();
        }
    }

    /** Says in words what the filter denies, or why there is none. */
    String describe() {
        return program().isPresent() ? profile.description() : problem;
    }

    /** bwrap's options that load the filter, to stand before its {@code --}. */
    List<String> options() {
        return program().isPresent() ? BubblewrapSeccomp.OPTIONS : List.of();
    }

    /** The command after bwrap's {@code --}: given back its standard input where bwrap took it for the filter. */
    List<String> command(List<String> command) {
        return program().isPresent() ? BubblewrapSeccomp.withNullInput(command) : command;
    }

    /** What bwrap reads on its standard input: the filter's program, or nothing. */
    ProcessBuilder.Redirect standardInput() {
        return program().map(Path::toFile).map(ProcessBuilder.Redirect::from).orElse(SandboxHost.NO_INPUT);
    }

    /** Whether jobs run under the filter. */
    boolean active() {
        return program().isPresent();
    }

    @Override
    public String toString() {
        return "JobSyscallFilter[" + profile.architecture() + "]";
    }
}
