package io.resourcepool.core.sandbox;

import io.resourcepool.api.SandboxException;
import io.resourcepool.api.spi.sandbox.Isolation;
import io.resourcepool.api.spi.sandbox.IsolationFeature;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The user jobs run as. A worker that is not root runs jobs as itself. A worker that is root never does: it
 * starts each job through util-linux {@code setpriv}, which switches to the configured unprivileged user,
 * drops every supplementary group and sets no-new-privileges (so set-user-ID programs cannot climb back);
 * without {@code setpriv}, or without a usable user, it refuses to run jobs at all.
 */
final class JobUser {
    static final String NO_ISOLATION = "plain process: no namespaces, no file-system or network containment; use only on machines you trust";

    private static final List<Path> ENV = List.of(Path.of("/usr/bin/env"), Path.of("/bin/env"));
    private static final List<Path> SETPRIV = List.of(
            Path.of("/usr/bin/setpriv"), Path.of("/bin/setpriv"), Path.of("/usr/sbin/setpriv"), Path.of("/sbin/setpriv"));

    private final List<String> prefix;
    private final Isolation isolation;
    private final Optional<String> refusal;

    private JobUser(List<String> prefix, Isolation isolation, Optional<String> refusal) {
        this.prefix = List.copyOf(prefix);
        this.isolation = isolation;
        this.refusal = refusal;
    }

    /**
     * Works out who jobs run as. Reads {@code /proc/self/status} and, for a root worker, {@code /etc/passwd}.
     *
     * @param runAs the {@code run-as} setting: a user name, a uid, or {@code uid:gid}
     * @return the job user, possibly one that refuses every job
     */
    static JobUser resolve(String runAs) {
        int uid = UnixAccounts.effectiveUid();
        if (uid > 0) {
            return new JobUser(List.of(), new Isolation(Set.of(IsolationFeature.UNPRIVILEGED_USER),
                    NO_ISOLATION + "; jobs run as the worker's own unprivileged user (uid " + uid + ")"), Optional.empty());
        }
        if (uid < 0) {
            return new JobUser(List.of(), new Isolation(Set.of(),
                    NO_ISOLATION + "; jobs run as the worker's own user, whose uid could not be read"), Optional.empty());
        }
        return dropFromRoot(runAs);
    }

    private static JobUser dropFromRoot(String runAs) {
        Optional<Path> setpriv = SETPRIV.stream().filter(Files::isExecutable).findFirst();
        if (setpriv.isEmpty()) {
            return refusing("the worker runs as root, and jobs must not: setpriv (util-linux) was not found in "
                    + SETPRIV + "; install util-linux, or run the worker as an unprivileged user");
        }
        Optional<UnixAccounts.Account> account = UnixAccounts.find(runAs);
        if (account.isEmpty()) {
            return refusing("the worker runs as root and run-as user '" + runAs + "' was not found in /etc/passwd;"
                    + " set run-as to an existing unprivileged user, or to uid:gid");
        }
        UnixAccounts.Account user = account.get();
        if (user.uid() == 0 || user.gid() == 0) {
            return refusing("run-as '" + runAs + "' is root (uid " + user.uid() + ", gid " + user.gid()
                    + "); set run-as to an unprivileged user such as nobody");
        }
        Optional<Path> env = ENV.stream().filter(Files::isExecutable).findFirst();
        if (env.isEmpty()) {
            return refusing("the worker runs as root and env (coreutils) was not found in " + ENV + "; it sets a job's environment"
                    + " only after the switch to the unprivileged user");
        }
        List<String> prefix = List.of(setpriv.get().toString(), "--reuid=" + user.uid(), "--regid=" + user.gid(),
                "--clear-groups", "--no-new-privs", "--", env.get().toString(), "-i");
        return new JobUser(prefix, new Isolation(Set.of(IsolationFeature.UNPRIVILEGED_USER),
                NO_ISOLATION + "; jobs run as unprivileged user " + user.describe() + ", not as the worker's root"), Optional.empty());
    }

    private static JobUser refusing(String reason) {
        return new JobUser(List.of(), new Isolation(Set.of(), NO_ISOLATION + "; refuses to run jobs: " + reason), Optional.of(reason));
    }

    /**
     * The command line that runs the program as this user.
     *
     * @param program the program's absolute path
     * @param arguments its arguments
     * @return the full command line
     * @throws SandboxException when jobs cannot be run without running them as root
     */
    List<String> commandLine(Path program, List<String> arguments) {
        refusal.ifPresent(reason -> {
            throw new SandboxException("cannot start '" + program.getFileName() + "': " + reason);
        });
        List<String> line = new ArrayList<>(prefix.size() + 1 + arguments.size());
        line.addAll(prefix);
        line.add(program.toString());
        line.addAll(arguments);
        return line;
    }

    /**
     * How to start a program with its environment as this user. A root worker's {@code setpriv} still runs as
     * root, and a dynamic loader obeys {@code LD_PRELOAD} and its kin: so it gets no environment at all, and
     * {@code env -i NAME=VALUE…}, run after the switch, gives the job its own.
     *
     * @param program the program's absolute path
     * @param arguments its arguments
     * @param environment the job's environment
     * @return the command line and the environment to start it with
     * @throws SandboxException when jobs cannot be run without running them as root, or the program's path would
     *     be read by {@code env} as an assignment
     */
    Launch launch(Path program, List<String> arguments, java.util.Map<String, String> environment) {
        if (prefix.isEmpty()) {
            return new Launch(commandLine(program, arguments), environment);
        }
        if (program.toString().contains("=")) {
            throw new SandboxException("cannot start '" + program + "': a root worker cannot run a program whose path contains '='");
        }
        List<String> assignments = new java.util.TreeMap<>(environment).entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList();
        List<String> line = new ArrayList<>(prefix);
        line.addAll(assignments);
        line.add(program.toString());
        line.addAll(arguments);
        return new Launch(line, java.util.Map.of());
    }

    /**
     * A process to start.
     *
     * @param commandLine the full command line
     * @param environment the environment to start it with
     */
    record Launch(List<String> commandLine, java.util.Map<String, String> environment) {}

    /**
     * What this gives in isolation.
     *
     * @return the isolation
     */
    Isolation isolation() {
        return isolation;
    }
}
