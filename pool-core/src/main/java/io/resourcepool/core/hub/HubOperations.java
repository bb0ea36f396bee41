package io.resourcepool.core.hub;

import io.resourcepool.api.AuthenticationException;
import io.resourcepool.api.BusyException;
import io.resourcepool.api.Bytes;
import io.resourcepool.api.JobId;
import io.resourcepool.api.JobSpec;
import io.resourcepool.api.NodeId;
import io.resourcepool.api.NotFoundException;
import io.resourcepool.api.PermissionDeniedException;
import io.resourcepool.api.PoolAggregate;
import io.resourcepool.api.PoolException;
import io.resourcepool.api.Role;
import io.resourcepool.api.Secret;
import io.resourcepool.api.StoreUnavailableException;
import io.resourcepool.api.spi.store.JobQuery;
import io.resourcepool.core.auth.Session;
import io.resourcepool.core.client.JobInfo;
import io.resourcepool.core.client.NodeInfo;
import io.resourcepool.core.client.PoolOperations;
import io.resourcepool.core.client.RequestRefusedException;
import io.resourcepool.core.client.UserUsage;
import io.resourcepool.core.client.WireViews;
import io.resourcepool.core.protocol.JobQueryMessage;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's typed front door, for a gateway in its process (the HTTP API): one caller's {@link PoolOperations},
 * called directly, with no connection and no message in between. Every call first finds the caller's session by
 * its token, as a RESUME does (a refused token counts against the source's failed logins, and an address over its
 * limit is refused "busy"), then goes through {@link ClientOperations}, where the binary protocol's requests go
 * too: the same role checks, the same rules on whose jobs one sees, the same audit rows under the caller's address.
 * Its refusals are the exceptions a {@link io.resourcepool.core.client.PoolClient} would throw for the hub's ERROR
 * answers, and a failure of the hub is logged here and told without its details, as the binary protocol tells it.
 *
 * <p>Cheap to make: made for each request ({@link Hub#operations}), it holds nothing but the token and the address.
 */
public final class HubOperations implements PoolOperations {
    private static final Logger log = LoggerFactory.getLogger(HubOperations.class);
    private static final String HUB_FAILED = "the hub failed: the hub could not complete the request; its log has the details";

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
        return call("AGGREGATE", ops -> WireViews.aggregate(NodeListing.aggregate(0, ops.aggregate())));
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
            throw asTheHubAnswers(request, e);
        }
    }

    /**
     * The exception a network client would get for this failure ({@link ErrorReplies} on the hub, then the client's
     * reading of the ERROR): so that the two doors refuse alike, and a failure of the hub shows no detail.
     */
    private RuntimeException asTheHubAnswers(String request, RuntimeException e) {
        return switch (e) {
            case AuthenticationException a -> a;
            case PermissionDeniedException p -> p;
            case NotFoundException n -> n;
            case BusyException b -> b;
            case StoreUnavailableException s -> new BusyException(s.getMessage(), s.retryAfter());
            case IllegalArgumentException i -> new RequestRefusedException(i.getMessage());
            default -> {
                log.warn("request {} from {} failed", request, source, e);
                yield new PoolException(HUB_FAILED);
            }
        };
    }
}
