package io.resourcepool.core.sandbox;

import io.resourcepool.api.spi.sandbox.ExitStatus;
import io.resourcepool.api.spi.sandbox.SandboxLimits;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A containment around a job that runs under a uid of its own: every process of that uid belongs to the job, so
 * killing them all kills the whole job, {@code setsid} daemons and re-parented processes included, with or without
 * a cgroup. Releasing it releases the inner containment and then gives the uid back.
 */
final class UidContainment implements Containment {
    private final Containment inner;
    private final JobUser user;
    private final JobUser.Identity identity;
    private final AtomicBoolean released = new AtomicBoolean();

    UidContainment(Containment inner, JobUser user, JobUser.Identity identity) {
        this.inner = inner;
        this.user = user;
        this.identity = identity;
    }

    @Override
    public List<String> enter(List<String> line) {
        return inner.enter(line);
    }

    @Override
    public List<java.nio.file.Path> entryFiles() {
        return inner.entryFiles();
    }

    @Override
    public Process start(ProcessBuilder builder, ProcessLauncher launcher) throws java.io.IOException {
        return inner.start(builder, launcher);
    }

    @Override
    public SandboxLimits rlimits() {
        return inner.rlimits();
    }

    @Override
    public int killAll(ProcessHandle root) {
        int signalled = inner.killAll(root);
        if (identity.own() && !released.get() && !inner.holdsEveryProcess()) {
            // without a cgroup that held them all, the uid is what finds every process of the job
            List<Long> left = UidProcesses.of(identity.uid());
            signalled += left.size();
            if (!left.isEmpty()) {
                UidProcesses.killAll(identity.uid());
            }
        }
        return signalled;
    }

    @Override
    public boolean holdsEveryProcess() {
        return identity.own() || inner.holdsEveryProcess();
    }

    @Override
    public ExitStatus judge(int exitCode, boolean outputTruncated) {
        return inner.judge(exitCode, outputTruncated);
    }

    @Override
    public void release() {
        if (released.compareAndSet(false, true)) {
            boolean emptied = false;
            try {
                inner.release();
                // a cgroup held every process of the job and killed them: /proc need not be searched for the uid
                emptied = inner.holdsEveryProcess();
            } finally {
                user.giveBack(identity, emptied);
            }
        }
    }
}
