package io.resourcepool.core.hub;

import io.resourcepool.api.Bytes;
import io.resourcepool.api.JobId;
import io.resourcepool.api.JobSpec;
import io.resourcepool.api.PermissionDeniedException;
import io.resourcepool.api.PoolAggregate;
import io.resourcepool.api.Role;
import io.resourcepool.api.Secret;
import io.resourcepool.core.auth.Session;
import io.resourcepool.core.protocol.JobQueryMessage;
import io.resourcepool.core.protocol.MessageType;
import io.resourcepool.core.protocol.QueryMessage;
import java.util.List;

/**
 * What a logged-in person may do with the pool and its jobs, each operation checked here and nowhere else: a pending
 * password reset refuses it, then the role as the session has it now, then the operation itself (which applies who
 * may see whose jobs, and audits). Both doors call it: the binary protocol's {@link ClientRequests} once a message is
 * decoded, and {@link HubOperations} for a gateway in the hub's process. Answers are in the wire's forms, which the
 * binary protocol sends as they are and the typed door turns into the client API's records, so both say the same.
 */
final class ClientOperations {
    /** The refusal of every request but a password change while an admin's reset is pending. */
    static final String PASSWORD_RESET = "an admin reset your password: set a new one first (`pool passwd`, or POST /v1/auth/password);"
            + " until then nothing else is allowed";

    /** One job's detail: the job whole and the tail of its output. */
    record Detail(JobQueryMessage.WireJob job, Bytes tail) {}

    private final HubServices hub;
    private final Session session;
    private final String source;

    ClientOperations(HubServices hub, Session session, String source) {
        this.hub = hub;
        this.session = session;
        this.source = source;
    }

    Session session() {
        return session;
    }

    /**
     * Changes the caller's own password, allowed while a reset is pending (it is the way out of one). A mistyped current
     * password counts towards the lock and the source's failed logins, and is audited by the authenticator.
     *
     * @return the caller's new session; every other session of theirs has ended
     */
    Session changePassword(Secret currentPassword, Secret newPassword) {
        return new StepUp(hub, source).run(() -> hub.auth().authenticator().changeOwnPassword(session, currentPassword, newPassword, source));
    }

    List<QueryMessage.WireNode> nodes() {
        require(Role.VIEWER, MessageType.NODES);
        return NodeListing.of(hub);
    }

    PoolAggregate aggregate() {
        require(Role.VIEWER, MessageType.AGGREGATE);
        return hub.registry().aggregate();
    }

    List<QueryMessage.WireUsage> usage() {
        require(Role.VIEWER, MessageType.USAGE);
        return GpuUsage.of(hub.store().jobs().gpuTimeByOwner(), session);
    }

    /** Runs a job attached: the watcher hears its acceptance, output and result. */
    void run(JobSpec spec, JobWatcher watcher) {
        require(Role.COMPUTE_USER, MessageType.RUN);
        hub.dispatcher().submit(spec, session.username(), source, watcher);
    }

    /** Submits a job detached: the watcher hears its acceptance alone. */
    JobId submit(JobSpec spec, JobWatcher watcher) {
        require(Role.COMPUTE_USER, MessageType.SUBMIT);
        return hub.dispatcher().submit(spec, session.username(), source, watcher);
    }

    void follow(String jobId, JobWatcher watcher) {
        require(Role.VIEWER, MessageType.FOLLOW);
        jobs().follow(jobId, watcher);
    }

    void cancel(String jobId) {
        require(Role.COMPUTE_USER, MessageType.CANCEL);
        jobs().cancel(jobId);
    }

    List<JobQueryMessage.WireJob> jobs(String state, String node, String owner, int limit) {
        require(Role.VIEWER, MessageType.JOBS);
        return jobs().list(state, node, owner, limit);
    }

    Detail job(String jobId) {
        require(Role.VIEWER, MessageType.JOB);
        return jobs().detail(jobId);
    }

    /** Refuses anything but a password change (and a ping, and a logout) while an admin's reset is pending. */
    void requireNoPendingReset() {
        if (session.passwordChangeRequired()) {
            throw new PermissionDeniedException(PASSWORD_RESET);
        }
    }

    /** Refuses a request the session's role does not allow, naming the request as the binary protocol does. */
    void require(Role needed, MessageType request) {
        requireNoPendingReset();
        if (!session.role().includes(needed)) {
            throw new PermissionDeniedException(request + " needs the " + needed.wireName() + " role; " + session.username() + " has "
                    + session.role().wireName());
        }
    }

    private JobRequests jobs() {
        return new JobRequests(hub, session, source);
    }
}
