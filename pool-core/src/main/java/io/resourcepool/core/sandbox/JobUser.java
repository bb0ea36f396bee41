package io.resourcepool.core.sandbox;

import io.resourcepool.api.SandboxException;
import io.resourcepool.api.spi.sandbox.IsolationFeature;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Who jobs run as. A worker that is root never runs a job as itself: each job gets a uid (and gid) of its own from
 * the configured range ({@link JobUids}), taken when it starts and given back when it has ended, and is started
 * through util-linux {@code setpriv}, which switches to it, drops every supplementary group and sets
 * no-new-privileges (so set-user-ID programs cannot climb back); without {@code setpriv} it refuses to run jobs.
 * A worker that is not root cannot switch: its jobs run as itself, a shared identity that the sandbox must say.
 */
final class JobUser {
    private static final List<Path> ENV = List.of(Path.of("/usr/bin/env"), Path.of("/bin/env"));
    private static final List<Path> SETPRIV = List.of(
            Path.of("/usr/bin/setpriv"), Path.of("/bin/setpriv"), Path.of("/usr/sbin/setpriv"), Path.of("/sbin/setpriv"));

    private final int workerUid;
    private final JobUidRange range;
    private final Optional<Path> setpriv;
    private final Optional<String> refusal;

    private JobUser(int workerUid, JobUidRange range, Optional<Path> setpriv, Optional<String> refusal) {
        this.workerUid = workerUid;
        this.range = range;
        this.setpriv = setpriv;
        this.refusal = refusal;
    }

    /**
     * Works out who jobs run as. Reads {@code /proc/self/status}.
     *
     * @param range the uids a root worker gives its jobs
     * @return the job user, possibly one that refuses every job
     */
    static JobUser resolve(JobUidRange range) {
        int uid = UnixAccounts.effectiveUid();
        if (uid != 0) {
            return new JobUser(uid, range, Optional.empty(), Optional.empty());
        }
        Optional<Path> setpriv = SETPRIV.stream().filter(Files::isExecutable).findFirst();
        Optional<String> refusal = setpriv.isPresent() ? Optional.empty() : Optional.of("the worker runs as root, and jobs must not:"
                + " setpriv (util-linux) was not found in " + SETPRIV + "; install util-linux, or run the worker as an unprivileged user");
        return new JobUser(0, range, setpriv, refusal);
    }

    /** The uid one job runs as, and whether it is the job's own (given back when the job ends) or the worker's. */
    record Identity(int uid, boolean own) {}

    /** Says whether each job gets a uid of its own: the worker is root and can switch. */
    boolean separate() {
        return workerUid == 0 && refusal.isEmpty();
    }

    /** Why jobs cannot run at all, if they cannot. */
    Optional<String> refusal() {
        return refusal;
    }

    /** The worker's own uid, -1 when it cannot be told. */
    int workerUid() {
        return workerUid;
    }

    /**
     * Takes the identity of a job that starts now.
     *
     * @param program the job's program, for the refusal's message
     * @return a uid of its own under a root worker, the worker's otherwise
     * @throws SandboxException when jobs cannot run, or every uid of the range is taken
     */
    Identity take(String program) {
        refusal.ifPresent(reason -> {
            throw new SandboxException("cannot start '" + program + "': " + reason);
        });
        return separate() ? new Identity(JobUids.take(range, workerUid), true) : new Identity(workerUid, false);
    }

    /**
     * Gives an identity back once its job has ended: every process still running as a job's own uid is killed
     * first.
     *
     * @param identity from {@link #take}
     */
    void giveBack(Identity identity) {
        giveBack(identity, false);
    }

    /**
     * Gives an identity back once its job has ended, knowing whether its processes are already gone.
     *
     * @param identity from {@link #take}
     * @param processesGone whether a containment that held every process of the job has killed them all
     */
    void giveBack(Identity identity, boolean processesGone) {
        if (identity.own()) {
            JobUids.giveBack(identity.uid(), processesGone);
        }
    }

    /** The protections the identity gives: never root, and a uid of its own where the worker is root. */
    Set<IsolationFeature> features() {
        Set<IsolationFeature> features = EnumSet.noneOf(IsolationFeature.class);
        if (workerUid != 0 || separate()) {
            features.add(IsolationFeature.UNPRIVILEGED_USER);
        }
        if (separate()) {
            features.add(IsolationFeature.SEPARATE_IDENTITY);
            features.add(IsolationFeature.WHOLE_TREE_KILL);
        }
        return features;
    }

    /** Says in words who jobs run as. */
    String describe() {
        if (refusal.isPresent()) {
            return "refuses to run jobs: " + refusal.get();
        }
        if (separate()) {
            return "each job runs under a uid and gid of its own from " + range + " (never root, the worker's or another running job's),"
                    + " and every process of that uid is killed when the job ends";
        }
        return "shared identity: jobs run as the worker's own user (uid " + (workerUid < 0 ? "unknown" : workerUid)
                + ") and can read its key and every file it can";
    }

    /**
     * The command line that starts {@code line} as the job's identity: through {@code setpriv} for a job's own uid,
     * as it is otherwise.
     *
     * @param identity the job's identity
     * @param line the program and its arguments
     * @return the full command line
     */
    List<String> commandLine(Identity identity, List<String> line) {
        if (!identity.own()) {
            return line;
        }
        List<String> switched = new ArrayList<>(List.of(setpriv.orElseThrow().toString(), "--reuid=" + identity.uid(),
                "--regid=" + identity.uid(), "--clear-groups", "--no-new-privs", "--"));
        switched.addAll(line);
        return switched;
    }

    /**
     * The command line that gives the program the loader's unsafe variables ({@link LoaderVariables}): through
     * {@code env NAME=VALUE…} right before it, or the line as it is when there are none.
     *
     * @param unsafe the variables, in the order to give them
     * @param line the program (maybe behind {@code prlimit}) and its arguments
     * @return the command line
     * @throws SandboxException when {@code env} is missing, or the program's path would be read as an assignment
     */
    static List<String> withLoaderVariables(Map<String, String> unsafe, List<String> line) {
        if (unsafe.isEmpty()) {
            return line;
        }
        Path env = ENV.stream().filter(Files::isExecutable).findFirst().orElseThrow(() -> new SandboxException("cannot start '"
                + new File(line.get(0)).getName() + "': it sets " + unsafe.keySet() + ", given only through env (coreutils), which was not found in " + ENV));
        if (line.get(0).contains("=")) {
            throw new SandboxException("cannot start '" + line.get(0) + "' with " + unsafe.keySet() + ": its path contains '='");
        }
        List<String> assigned = new ArrayList<>();
        assigned.add(env.toString());
        unsafe.forEach((name, value) -> assigned.add(name + "=" + value));
        assigned.addAll(line);
        return assigned;
    }
}
