package io.resourcepool.core.sandbox;

import io.resourcepool.api.SandboxException;
import java.util.HashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands out the uids of a root worker's jobs, one per running job: taken when the job starts, given back when it
 * has ended and every process still running as that uid has been killed.
 *
 * <p>The uids in use are kept for the whole JVM, so that two sandboxes (two workers in one process) never give
 * one to two jobs, and claimed for the machine ({@link UidClaims}), so that two worker processes never do either.
 * A uid is never the worker's, never one {@code /etc/passwd} or {@code /etc/group} gives to someone, and never one
 * a process of the host runs as. The search starts after the last uid given, so that a uid just given back is the
 * last to be reused: files a job left in a shared place ({@code /dev/shm}, or {@code /tmp} under the process
 * sandbox) stay owned by its uid until then.
 */
final class JobUids {
    private static final Logger LOG = LoggerFactory.getLogger(JobUids.class);
    private static final Set<Integer> IN_USE = new HashSet<>();
    private static final UidClaims CLAIMS = new UidClaims(UidClaims.MACHINE_DIRECTORY);
    private static int next;

    private JobUids() {}

    /**
     * Takes a free uid of the range.
     *
     * @param range where to look
     * @param workerUid the worker's own uid, never given
     * @return the uid, now in use
     * @throws SandboxException when every uid of the range is taken
     */
    static int take(JobUidRange range, int workerUid) {
        Set<Integer> taken = UnixAccounts.listedIds();
        taken.addAll(UidProcesses.running());
        taken.add(workerUid);
        synchronized (IN_USE) {
            int size = range.last() - range.first() + 1;
            for (int i = 0; i < size; i++) {
                int uid = range.first() + Math.floorMod(next + i, size);
                if (!taken.contains(uid) && !IN_USE.contains(uid) && CLAIMS.claim(uid)) {
                    IN_USE.add(uid);
                    next = uid - range.first() + 1;
                    return uid;
                }
            }
            throw new SandboxException("no free job uid in " + range + ": " + IN_USE.size() + " job(s) of this worker run, and the others"
                    + " are listed in /etc/passwd or /etc/group, used by running processes or claimed by another worker of this machine"
                    + " (in " + UidClaims.MACHINE_DIRECTORY + "); widen worker.job-uids");
        }
    }

    /**
     * Kills every process of the uid and gives it back. A uid whose processes could not all be killed stays
     * taken, so that no other job ever shares it with them.
     *
     * @param uid a uid from {@link #take}
     * @param processesGone whether the job's containment has already killed every process the uid can have (a
     *     cgroup that held them all), so that {@code /proc} need not be searched again
     */
    static void giveBack(int uid, boolean processesGone) {
        if (!processesGone && !UidProcesses.killAll(uid)) {
            LOG.warn("processes of job uid {} were still running after being killed; the uid stays taken until the worker restarts", uid);
            return;
        }
        synchronized (IN_USE) {
            IN_USE.remove(uid);
            CLAIMS.release(uid);
        }
    }

    /**
     * Says whether a uid is taken by a job of this JVM.
     *
     * @param uid the uid
     * @return true while a job holds it
     */
    static boolean taken(int uid) {
        synchronized (IN_USE) {
            return IN_USE.contains(uid);
        }
    }
}
