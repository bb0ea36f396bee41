package io.resourcepool.core.hub;

import io.resourcepool.api.JobId;
import io.resourcepool.api.JobState;
import io.resourcepool.api.NodeId;
import io.resourcepool.api.NotFoundException;
import io.resourcepool.api.PermissionDeniedException;
import io.resourcepool.api.Role;
import io.resourcepool.api.TransportException;
import io.resourcepool.api.spi.store.JobQuery;
import io.resourcepool.api.spi.store.JobRecord;
import io.resourcepool.core.auth.Session;
import io.resourcepool.core.protocol.JobMessage;
import io.resourcepool.core.protocol.JobQueryMessage;
import io.resourcepool.core.protocol.Message;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Answers requests about jobs that outlive the request: following, listing, one job's detail, and
 * cancelling. The caller has checked the role. Only an admin sees other people's jobs; to anyone else a
 * foreign job does not exist (NOT_FOUND), so that ids cannot be probed.
 */
final class JobRequests {
    private final HubServices hub;
    private final Session session;
    private final String source;

    JobRequests(HubServices hub, Session session, String source) {
        this.hub = hub;
        this.session = session;
        this.source = source;
    }

    List<JobQueryMessage.WireJob> list(String state, String node, String owner, int limit) {
        JobQuery query = new JobQuery(state(state), node.isEmpty() ? Optional.empty() : Optional.of(NodeId.of(node)),
                Optional.of(owner(owner)).filter(o -> !o.isEmpty()), limit);
        return hub.store().jobs().list(query).stream().map(WireJobs::summary).toList();
    }

    ClientOperations.Detail detail(String jobId) {
        JobRecord job = visible(parse(jobId));
        // A running job's tail lives in memory until it ends; the store has it from then on.
        var tail = hub.dispatcher().find(job.id()).map(active -> active.tail().last()).orElse(job.outputTail());
        return new ClientOperations.Detail(WireJobs.full(job), tail);
    }

    /**
     * Follows a job: a job the hub drives now is followed live; one that has ended is replayed from the store
     * (its tail, then its result) at once; one that another hub of the pool drives is followed from there.
     */
    void follow(String jobId, JobWatcher follower) {
        JobId id = parse(jobId);
        Optional<ActiveJob> active = hub.dispatcher().find(id).filter(this::mayTouch);
        if (active.isPresent()) {
            active.get().follow(follower);
            return;
        }
        JobRecord stored = visible(id);
        if (!stored.state().isFinal() && hub.across().shared()) {
            hub.across().follow(stored, follower);
            return;
        }
        if (!stored.state().isFinal()) {
            throw notActive(id);
        }
        WireJobs.replay(stored, follower);
    }

    /**
     * Cancels a waiting job at once, answering once its end is durable, so the caller's next look finds it
     * CANCELLED; or asks its worker to stop a running one, whose end is then recorded as usual. A job that another hub
     * of the pool drives is cancelled there, as is a waiting one that another hub started just before its end was
     * written (the store refuses that end).
     */
    void cancel(String jobId) {
        JobId id = parse(jobId);
        Optional<ActiveJob> here = hub.dispatcher().find(id).filter(this::mayTouch).filter(j -> j.phase() != ActiveJob.Phase.ELSEWHERE);
        if (here.isEmpty() && hub.across().shared()) {
            cancelElsewhere(id);
            return;
        }
        ActiveJob job = here.orElseThrow(() -> notActive(id));
        hub.audit(session.username(), "job.cancel-requested", jobId, source, "");
        // one look at where it is: another hub may start it (and tell this one so) at any moment meanwhile
        Optional<LiveNode> node = job.phase() == ActiveJob.Phase.WAITING ? Optional.empty() : job.node().flatMap(hub.registry()::find);
        if (node.isEmpty() && hub.across().shared()) {
            // waiting here, or started elsewhere just now: the hub that started it (if one did) stops it
            hub.across().cancel(id, session.username());
        }
        if (job.phase() == ActiveJob.Phase.WAITING) {
            if (!Durably.await(hub.completion().cancelWaiting(job, session.username()))) {
                // another hub stored its start a moment before: that hub stops it, and its end comes from there
                hub.across().cancelRefused(job, session.username());
            }
        } else {
            node.ifPresent(n -> tell(n, new JobMessage.Cancel(0, jobId)));
        }
    }

    /**
     * Cancels a job another hub of the pool drives (or holds waiting): each is asked, and the one that drives it stops
     * it; the answer comes before its end is stored.
     */
    private void cancelElsewhere(JobId id) {
        JobRecord stored = visible(id);
        if (stored.state().isFinal()) {
            throw new IllegalArgumentException("job " + id + " already ended " + stored.state());
        }
        hub.audit(session.username(), "job.cancel-requested", id.toString(), source, "sent to the other hubs of the pool");
        hub.across().cancel(id, session.username());
    }

    /** Why a job that is not active here cannot be cancelled: unknown (or foreign), already ended, or driven by no hub. */
    private RuntimeException notActive(JobId id) {
        JobRecord stored = visible(id);
        if (stored.state().isFinal()) {
            return new IllegalArgumentException("job " + id + " already ended " + stored.state());
        }
        return new NotFoundException("job " + id + " is " + stored.state() + " in the store but not running or waiting on this hub");
    }

    private JobRecord visible(JobId id) {
        return hub.store().jobs().find(id).filter(j -> isAdmin() || j.owner().equals(session.username()))
                .orElseThrow(() -> new NotFoundException("job " + id + " does not exist (or is not yours)"));
    }

    private boolean mayTouch(ActiveJob job) {
        return isAdmin() || job.owner().equals(session.username());
    }

    private String owner(String asked) {
        if (isAdmin()) {
            return asked;
        }
        if (!asked.isEmpty() && !asked.equals(session.username())) {
            throw new PermissionDeniedException("only an admin may list another user's jobs; " + session.username() + " has "
                    + session.role().wireName());
        }
        return session.username();
    }

    private boolean isAdmin() {
        return session.role() == Role.ADMIN;
    }

    private static Optional<JobState> state(String name) {
        if (name.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(Arrays.stream(JobState.values()).filter(s -> s.name().equalsIgnoreCase(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("state '" + name + "' is not one of " + Arrays.toString(JobState.values()))));
    }

    /** A worker that went away while being told ends its own conversation, not this one; its jobs are then LOST. */
    private static void tell(LiveNode node, Message message) {
        try {
            node.send(message);
        } catch (TransportException e) {
            node.disconnect();
        }
    }

    private static JobId parse(String id) {
        try {
            return JobId.parse(id);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("job " + id + " does not exist: " + e.getMessage());
        }
    }
}
