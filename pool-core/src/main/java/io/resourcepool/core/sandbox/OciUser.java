package io.resourcepool.core.sandbox;

import io.resourcepool.api.SandboxException;
import java.util.Optional;

/**
 * Who a job runs as inside its container: {@code uid:gid} of the worker's {@code run-as} user, never root. This is
 * the one place that chooses it: a per-job uid belongs here, as the {@code --user} of that job's container.
 *
 * @param user {@code uid:gid}, empty when jobs are refused
 * @param description who that is, or why jobs are refused
 */
record OciUser(Optional<String> user, String description) {
    /**
     * Looks the {@code run-as} setting up in {@code /etc/passwd}, unless it is already {@code uid:gid}.
     *
     * @param runAs a user name, a uid, or {@code uid:gid}
     * @return the user, or one that refuses every job
     */
    static OciUser resolve(String runAs) {
        Optional<UnixAccounts.Account> account = UnixAccounts.find(runAs);
        if (account.isEmpty()) {
            return new OciUser(Optional.empty(), "run-as user '" + runAs + "' was not found in /etc/passwd; set worker.run-as to an"
                    + " existing unprivileged user, or to uid:gid");
        }
        UnixAccounts.Account found = account.get();
        if (found.uid() == 0 || found.gid() == 0) {
            return new OciUser(Optional.empty(), "run-as '" + runAs + "' is root (uid " + found.uid() + ", gid " + found.gid()
                    + "); set worker.run-as to an unprivileged user such as nobody");
        }
        return new OciUser(Optional.of(found.uid() + ":" + found.gid()), "jobs run as unprivileged user " + found.describe()
                + " inside the container");
    }

    /**
     * The {@code --user} of a job's container.
     *
     * @param program the job's program, for the message
     * @return {@code uid:gid}
     * @throws SandboxException when jobs are refused
     */
    String require(String program) {
        return user.orElseThrow(() -> new SandboxException("cannot start '" + program + "': " + description));
    }
}
