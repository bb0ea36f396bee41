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
    static final String NO_ISOLATION = "plain process: no isolation (no namespaces, no kernel limits); use only on machines you trust";

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
        List<String> prefix = List.of(setpriv.get().toString(), "--reuid=" + user.uid(), "--regid=" + user.gid(),
                "--clear-groups", "--no-new-privs", "--");
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
     * What this gives in isolation.
     *
     * @return the isolation
     */
    Isolation isolation() {
        return isolation;
    }
}
