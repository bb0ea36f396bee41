package io.resourcepool.core.client;

import io.resourcepool.api.JobId;
import io.resourcepool.api.JobSpec;
import io.resourcepool.api.PoolAggregate;
import io.resourcepool.api.Role;
import io.resourcepool.api.spi.sandbox.OutputSink;
import io.resourcepool.api.spi.store.JobQuery;
import java.util.List;
import java.util.Optional;

/**
 * What a logged-in person does with a pool, in one caller's session: look at the nodes and their sums, run, submit,
 * follow, list, read and cancel jobs, administer the pool, and log out. Two doors implement it with the same answers and the same refusals:
 * {@link PoolClient}, over a connection to the hub, and the hub itself for a gateway in its process
 * ({@code Hub.frontDoor().operations(token, source)}), which applies the session, role, per-address limit and audit checks in
 * one place, the place the binary protocol's requests are served by too.
 *
 * <p>Refusals are the API's exceptions: {@link io.resourcepool.api.AuthenticationException} (no valid session),
 * {@link io.resourcepool.api.PermissionDeniedException} (the role does not allow it),
 * {@link io.resourcepool.api.NotFoundException}, {@link io.resourcepool.api.BusyException} (a per-address limit, the
 * store away) and {@link RequestRefusedException} (a request not valid in content); a failure of the hub is a plain
 * {@link io.resourcepool.api.PoolException} whose details stay in the hub's log.
 */
public interface PoolOperations {
    /**
     * Every enrolled node.
     *
     * @return the nodes
     */
    List<NodeInfo> nodes();

    /**
     * The sums over the online nodes.
     *
     * @return the aggregate
     */
    PoolAggregate aggregate();

    /**
     * Each user's GPU time; an admin is told every user's, anyone else only their own.
     *
     * @return the users with GPU time, by name
     */
    List<UserUsage> usage();

    /**
     * Submits a job detached: the hub stores it and answers with its id at once; the job runs without this
     * client, which may close. Its state, result and output tail are read with {@link #job(JobId)}.
     *
     * @param spec what to run and where
     * @return the job's id
     * @throws io.resourcepool.api.NotFoundException when the spec names a node that is not connected
     */
    JobId submit(JobSpec spec);

    /**
     * Runs a job, passing its output on as it comes, and waits for it.
     *
     * @param spec what to run and where
     * @param live receives each chunk of output as it arrives; must not block
     * @return how it ended, with its output
     */
    RunResult run(JobSpec spec, OutputSink live);

    /**
     * Follows a job as {@link PoolClient#follow} does, passing its output on without keeping any of it, so that memory does not
     * grow with the job's output: for a gateway that relays a long job's output to someone else.
     *
     * @param job the job, one's own or (for an admin) anyone's
     * @param live receives each chunk of output as it arrives
     * @return how it ended; its stdout and stderr are empty
     * @throws io.resourcepool.api.NotFoundException when the job does not exist or is not the caller's
     */
    RunResult relay(JobId job, OutputSink live);

    /**
     * Lists jobs, newest first: one's own, or anyone's for an admin (another user's jobs are refused to others).
     * The listing shows the first few arguments of each command, shortened, and no output.
     *
     * @param query the filters; its limit at most {@value io.resourcepool.core.protocol.JobQueryMessage#MAX_JOBS}
     * @return the jobs
     */
    List<JobInfo> jobs(JobQuery query);

    /**
     * One job, with the tail of its output (up to 64 KiB, stdout and stderr as they came).
     *
     * @param job its id
     * @return the job
     * @throws io.resourcepool.api.NotFoundException when there is no such job, or it is another user's
     */
    JobInfo job(JobId job);

    /**
     * Cancels a job, waiting or running, attached or detached (its owner or an admin). A waiting job ends at
     * once; a running one ends when its worker has stopped it, so its state may still read RUNNING for a moment.
     *
     * @param job its id
     * @throws io.resourcepool.api.NotFoundException when there is no such job (or it is another user's)
     * @throws PoolException when the job has already ended
     */
    void cancel(JobId job);

    /**
     * The pool's administration in this session: users, join tokens, nodes and the audit log (admin only).
     *
     * @return the administration
     */
    PoolAdministration admin();

    /**
     * Second factors in this session: one's own (with the current password), or anyone's for an admin.
     *
     * @return the second factors' administration
     */
    MfaAdministration mfa();

    /**
     * The caller's role, as the hub knows it now for the session.
     *
     * @return the role; empty when not logged in
     */
    Optional<Role> role();

    /** Ends the session with every session and refresh token of its family; they stop working everywhere. */
    void logout();
}
