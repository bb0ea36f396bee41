package io.resourcepool.core.hub;

import io.resourcepool.api.Bytes;
import io.resourcepool.api.JobId;
import io.resourcepool.api.JobSpec;
import io.resourcepool.api.NodeId;
import io.resourcepool.api.PoolAggregate;
import io.resourcepool.api.Role;
import io.resourcepool.api.Secret;
import io.resourcepool.api.spi.sandbox.OutputSink;
import io.resourcepool.api.spi.store.JobQuery;
import io.resourcepool.core.auth.Session;
import io.resourcepool.core.client.JobInfo;
import io.resourcepool.core.client.MfaAdministration;
import io.resourcepool.core.client.NodeInfo;
import io.resourcepool.core.client.PoolAdministration;
import io.resourcepool.core.client.PoolOperations;
import io.resourcepool.core.client.RemoteErrors;
import io.resourcepool.core.client.RequestLine;
import io.resourcepool.core.client.RunCollector;
import io.resourcepool.core.client.RunResult;
import io.resourcepool.core.client.SessionGrant;
import io.resourcepool.core.client.UserUsage;
import io.resourcepool.core.client.WireViews;
import io.resourcepool.core.protocol.ControlMessage;
import io.resourcepool.core.protocol.ErrorCode;
import io.resourcepool.core.protocol.JobQueryMessage;
import io.resourcepool.core.protocol.Message;
import io.resourcepool.core.protocol.MessageCodec;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.LongFunction;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One caller's {@link PoolOperations} through the hub's typed front door ({@link FrontDoor#operations}), called
 * directly, with no connection and no message in between. Every call first finds the caller's session by its token,
 * as a RESUME does (a refused token counts against the source's failed logins, and an address over its limit is
 * refused "busy" unless the token stands for a live session), then goes where the binary protocol's requests go:
 * {@link ClientOperations} and {@link AdministrationRequests}, with the same role checks, the same rules on whose
 * jobs one sees, the same audit rows under the caller's address. Its refusals are the exceptions a
 * {@link io.resourcepool.core.client.PoolClient} throws for the hub's ERROR answers, and a failure of the hub is
 * logged here and told without its details, as the binary protocol tells it.
 *
 * <p>Cheap to make: made for each request, it holds nothing but the token and the address.
 */
public final class HubOperations implements PoolOperations {
    private static final Logger log = LoggerFactory.getLogger(HubOperations.class);
    /** The request id of what the typed door hands the shared code; it is never sent. */
    private static final long NO_REQUEST = 1;

    private final HubServices hub;
    private final Secret token;
    private final String source;

    HubOperations(HubServices hub, Secret token, String source) {
        this.hub = hub;
        this.token = token;
        this.source = source;
    }

    @Override
    public List<NodeInfo> nodes() {
        return call("NODES", ops -> ops.nodes().stream().map(WireViews::node).toList());
    }

    @Override
    public PoolAggregate aggregate() {
        // through the wire's form, whose times are in milliseconds, so that both doors answer the same figures
        return call("AGGREGATE", ops -> WireViews.aggregate(NodeListing.aggregate(NO_REQUEST, ops.aggregate())));
    }

    @Override
    public List<UserUsage> usage() {
        return call("USAGE", ops -> ops.usage().stream().map(WireViews::usage).toList());
    }

    @Override
    public JobId submit(JobSpec spec) {
        return call("SUBMIT", ops -> ops.submit(spec, JobWatcher.NONE));
    }

    @Override
    public RunResult run(JobSpec spec, OutputSink live) {
        try (DirectFollower follower = new DirectFollower(new RunCollector(live), source)) {
            call("RUN", ops -> {
                ops.run(spec, hub.relays().follower(follower, NO_REQUEST));
                return true;
            });
            return follower.await();
        }
    }

    @Override
    public RunResult relay(JobId job, OutputSink live) {
        try (DirectFollower follower = follower(live)) {
            follow(job, follower);
            return follower.await();
        }
    }

    /**
     * A follower of a job, to hand to {@link #follow}: made first, so that whoever feeds {@code live} may let go of
     * it (a reader that fell behind) from the first chunk on.
     *
     * @param live receives each chunk of output as it arrives; must not block
     * @return the follower, whose result keeps no output
     */
    public DirectFollower follower(OutputSink live) {
        return new DirectFollower(new RunCollector(live, false), source);
    }

    /**
     * Follows a job as {@link #relay} does, through a follower made by {@link #follower}, to wait on
     * ({@link DirectFollower#await}) or to let go of ({@link DirectFollower#close}); the job runs on either way.
     *
     * @param job the job, one's own or (for an admin) anyone's
     * @param follower who hears it
     */
    public void follow(JobId job, DirectFollower follower) {
        call("FOLLOW", ops -> {
            ops.follow(job.toString(), hub.relays().follower(follower, NO_REQUEST));
            return true;
        });
    }

    @Override
    public List<JobInfo> jobs(JobQuery query) {
        if (query.limit() > JobQueryMessage.MAX_JOBS) {
            throw new IllegalArgumentException("limit must be at most " + JobQueryMessage.MAX_JOBS + ", was " + query.limit());
        }
        return call("JOBS", ops -> ops.jobs(query.state().map(Enum::name).orElse(""), query.node().map(NodeId::value).orElse(""),
                query.owner().orElse(""), query.limit()).stream().map(j -> WireViews.job(j, Bytes.EMPTY)).toList());
    }

    @Override
    public JobInfo job(JobId job) {
        return call("JOB", ops -> {
            ClientOperations.Detail detail = ops.job(job.toString());
            return WireViews.job(detail.job(), detail.tail());
        });
    }

    @Override
    public void cancel(JobId job) {
        call("CANCEL", ops -> {
            ops.cancel(job.toString());
            return true;
        });
    }

    @Override
    public PoolAdministration admin() {
        return new PoolAdministration(new Answers(), Duration.ZERO);
    }

    @Override
    public MfaAdministration mfa() {
        return new MfaAdministration(new Answers(), Duration.ZERO);
    }

    /**
     * Changes the caller's own password, as PASSWORD_CHANGE does: every session of theirs ends, and they get a new one.
     * Allowed while an admin's reset is pending: it is the way out of one.
     *
     * @param currentPassword the password now
     * @param newPassword the password wanted
     * @return the caller's new session
     */
    public SessionGrant changePassword(Secret currentPassword, Secret newPassword) {
        return answered("PASSWORD_CHANGE", () -> {
            Session changed = new ClientOperations(hub, session(), source).changePassword(currentPassword, newPassword);
            return SessionGrant.of(ClientRequests.authOk(NO_REQUEST, changed));
        });
    }

    @Override
    public Optional<Role> role() {
        return Optional.of(answered("session", () -> session().role()));
    }

    @Override
    public void logout() {
        answered("LOGOUT", () -> {
            session();
            return hub.auth().authenticator().logout(token, source);
        });
    }

    /** Finds the session, then runs the operation through the checks both doors share. */
    private <T> T call(String request, Function<ClientOperations, T> operation) {
        return answered(request, () -> operation.apply(new ClientOperations(hub, session(), source)));
    }

    /** The caller's session as a RESUME finds it: limited, counted and audited by source when refused. */
    private Session session() {
        return hub.limits().session(source, () -> hub.auth().authenticator().resume(token, source),
                () -> hub.auth().authenticator().findQuietly(token));
    }

    private <T> T answered(String request, Supplier<T> work) {
        try {
            return work.get();
        } catch (RuntimeException e) {
            throw asTheHubAnswers(request, source, e);
        }
    }

    /**
     * The exception a network client would get for this failure: the hub's ERROR answer for it, as the client reads
     * it, so that the two doors refuse alike; a failure of the hub is logged here and shows no detail.
     */
    static RuntimeException asTheHubAnswers(String request, String source, RuntimeException e) {
        ErrorReplies.Reply reply = ErrorReplies.of(e);
        if (reply.code() == ErrorCode.INTERNAL) {
            log.warn("request {} from {} failed", request, source, e);
        }
        return RemoteErrors.toException(new ControlMessage.Error(NO_REQUEST, reply.code().name(), reply.message(), reply.retryAfterMillis()));
    }

    /** The administration requests' records, answered in this process by the code that answers them on a connection. */
    private final class Answers implements RequestLine {
        @Override
        public <T extends Message> T call(LongFunction<? extends Message> request, Class<T> expected, Duration timeout) {
            Message message = request.apply(NO_REQUEST);
            return answered(MessageCodec.typeOf(message).name(), () -> {
                ClientOperations checks = new ClientOperations(hub, session(), source);
                checks.requireNoPendingReset();
                return expected.cast(new AdministrationRequests(hub, checks.session(), source).answer(message));
            });
        }
    }
}
