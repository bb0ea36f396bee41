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
 * the configured range ({@link JobUids}), taken when it starts and given back when it has ended. Its process is
 * started by the JVM's launch helper ({@link LaunchHelpers}), which switches to that uid and gid between fork and
 * exec, drops every supplementary group and sets no-new-privileges (so set-user-ID programs cannot climb back): the
 * job's program is the one program started. Where no helper can run (a build without a C compiler, another
 * architecture, {@code /run/resourcepool} not root's own), the job starts through util-linux {@code setpriv}, which
 * does the same at the cost of one more program start; without either it refuses to run jobs.
 * A worker that is not root cannot switch: its jobs run as itself, a shared identity that the sandbox must say;
 * its launch helper, where one runs, starts them as the worker, as the JDK would, one program start cheaper.
 */
final class JobUser {
    private static final List<Path> ENV = List.of(Path.of("/usr/bin/env"), Path.of("/bin/env"));
    private static final List<Path> SETPRIV = List.of(
            Path.of("/usr/bin/setpriv"), Path.of("/bin/setpriv"), Path.of("/usr/sbin/setpriv"), Path.of("/sbin/setpriv"));

    private final int workerUid;
    private final JobUidRange range;
    private final boolean helperWanted;
    private final Optional<LaunchHelpers> helper;
    private final Optional<Path> setpriv;
    private final Optional<String> refusal;

    private JobUser(int workerUid, JobUidRange range, boolean helperWanted, Optional<LaunchHelpers> helper, Optional<Path> setpriv,
            Optional<String> refusal) {
        this.workerUid = workerUid;
        this.range = range;
        this.helperWanted = helperWanted;
        this.helper = helper;
        this.setpriv = setpriv;
        this.refusal = refusal;
    }

    /**
     * Works out who jobs run as. Reads {@code /proc/self/status}.
     *
     * @param range the uids a root worker gives its jobs
     * @return the job user, possibly one that refuses every job
     */
    /**
     * Works out who jobs run as, with or without the launch helper.
     *
     * @param range the uids a root worker gives its jobs
     * @param useHelper whether a root worker starts its jobs through the launch helper ({@code false}: through
     *     {@code setpriv}, as where no helper can run, or not at all when a container engine starts them)
     * @return the job user
     */
    static JobUser resolve(JobUidRange range, boolean useHelper) {
        int uid = UnixAccounts.effectiveUid();
        if (uid != 0) {
            // no uid to switch to, but the helper still spares each job the JDK's jspawnhelper
            return new JobUser(uid, range, false, useHelper ? LaunchHelpers.shared() : Optional.empty(), Optional.empty(), Optional.empty());
        }
        Optional<LaunchHelpers> helper = useHelper ? LaunchHelpers.shared() : Optional.empty();
        Optional<Path> setpriv = SETPRIV.stream().filter(Files::isExecutable).findFirst();
        Optional<String> refusal = helper.isPresent() || setpriv.isPresent() ? Optional.empty() : Optional.of("the worker runs as root, and"
                + " jobs must not: there is no launch helper (" + LaunchHelpers.problem().orElse("not wanted") + ") and setpriv (util-linux)"
                + " was not found in " + SETPRIV + "; install util-linux, or run the worker as an unprivileged user");
        return new JobUser(0, range, useHelper, helper, setpriv, refusal);
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
                    + " and every process of that uid is killed when the job ends" + describeStart();
        }
        return "shared identity: jobs run as the worker's own user (uid " + (workerUid < 0 ? "unknown" : workerUid)
                + ") and can read its key and every file it can";
    }

    /**
     * Says whether the job's first program may be started as it is: it already runs as the job (a worker that is not
     * root, or the launch helper's start), so nothing privileged runs before it.
     *
     * @param identity the job's identity
     * @return false when {@code setpriv} runs first
     */
    boolean startsDirectly(Identity identity) {
        return !identity.own() || helper.isPresent();
    }

    /**
     * What starts a job's process: the launch helper (as the job's own uid under a root worker, as the worker
     * otherwise); the JDK where there is none.
     *
     * @param identity the job's identity
     * @return the launcher
     */
    ProcessLauncher launcher(Identity identity) {
        if (helper.isEmpty()) {
            return ProcessLauncher.JDK;
        }
        return identity.own() ? helper.get().as(identity.uid()) : helper.get().asWorker();
    }

    /**
     * The command line that starts {@code line} as the job's identity: through {@code setpriv} for a job's own uid
     * when there is no launch helper, as it is otherwise.
     *
     * @param identity the job's identity
     * @param line the program and its arguments
     * @return the full command line
     */
    List<String> commandLine(Identity identity, List<String> line) {
        if (startsDirectly(identity)) {
            return line;
        }
        List<String> switched = new ArrayList<>(List.of(setpriv.orElseThrow().toString(), "--reuid=" + identity.uid(),
                "--regid=" + identity.uid(), "--clear-groups", "--no-new-privs", "--"));
        switched.addAll(line);
        return switched;
    }

    /** How a job's process comes to run as its uid, where the worker starts it itself (not a container engine). */
    private String describeStart() {
        if (helper.isPresent()) {
            return "; started by the worker's launch helper, which switches to that uid before the job's program runs (no other program is started)";
        }
        return helperWanted ? "; started through setpriv (no launch helper: " + LaunchHelpers.problem().orElse("unknown") + ")" : "";
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
