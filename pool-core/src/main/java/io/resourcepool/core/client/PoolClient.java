package io.resourcepool.core.client;

import io.resourcepool.api.AuthenticationException;
import io.resourcepool.api.Bytes;
import io.resourcepool.api.JobId;
import io.resourcepool.api.JobSpec;
import io.resourcepool.api.NodeId;
import io.resourcepool.api.NodeSelector;
import io.resourcepool.api.PoolAggregate;
import io.resourcepool.api.PoolException;
import io.resourcepool.api.Role;
import io.resourcepool.api.Secret;
import io.resourcepool.api.TransportException;
import io.resourcepool.api.spi.sandbox.OutputSink;
import io.resourcepool.api.spi.store.AuditVerification;
import io.resourcepool.api.spi.store.JobQuery;
import io.resourcepool.api.spi.transport.Connection;
import io.resourcepool.api.spi.transport.Transport;
import io.resourcepool.core.auth.Authenticator;
import io.resourcepool.core.net.HubAddresses;
import io.resourcepool.core.net.HubDialer;
import io.resourcepool.core.protocol.AdminMessage;
import io.resourcepool.core.protocol.AuditMessage;
import io.resourcepool.core.protocol.AuthMessage;
import io.resourcepool.core.protocol.ControlMessage;
import io.resourcepool.core.protocol.JobMessage;
import io.resourcepool.core.protocol.JobQueryMessage;
import io.resourcepool.core.protocol.MessageCodec;
import io.resourcepool.core.protocol.QueryMessage;
import io.resourcepool.core.protocol.WireJobSpec;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A person's connection to a hub: log in, look at the pool, run commands. Safe for use by many threads at
 * once; requests share one connection. Its {@link PoolOperations} are those the hub offers a gateway in its own
 * process, with the same answers and refusals.
 *
 * <pre>{@code
 * try (PoolClient pool = PoolClient.connect(transport, hub).login("alice", password)) {
 *     RunResult r = pool.run(JobSpec.of("uname", "-a").withTarget(NodeSelector.named(NodeId.of("lab-1a2b"))));
 * }
 * }</pre>
 *
 * <p>Ownership: the client owns its connection; the transport stays the caller's.
 */
public final class PoolClient implements PoolOperations, AutoCloseable {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final HubLink link;
    private volatile Optional<AuthMessage.AuthOk> session = Optional.empty();

    private PoolClient(HubLink link) {
        this.link = link;
    }

    /**
     * Connects to a hub and performs the handshake.
     *
     * @param transport a client transport that trusts the hub
     * @param hub the hub's address
     * @return the client, not yet logged in
     * @throws TransportException when the hub cannot be reached or fails verification
     */
    public static PoolClient connect(Transport transport, InetSocketAddress hub) {
        return connect(transport, HubAddresses.of(hub));
    }

    /**
     * Connects to the first of several hubs that answers, trying each address of each in turn, and performs the handshake.
     *
     * @param transport a client transport that trusts the hubs (all hubs of one pool share its CA)
     * @param hubs the hubs, in order
     * @return the client, not yet logged in
     * @throws TransportException when none can be reached, naming each
     */
    public static PoolClient connect(Transport transport, HubAddresses hubs) {
        return over(new HubDialer(transport, hubs).connect(), transport.limits().maxFrameBytes());
    }

    /**
     * Performs the handshake on a connection opened some other way, such as a hub's in-process connection
     * ({@link io.resourcepool.core.hub.Hub#connectInProcess}).
     *
     * @param connection the connection, owned by the client from now on
     * @param maxFrameBytes the largest frame to accept
     * @return the client, not yet logged in
     * @throws TransportException when the hub does not answer
     */
    public static PoolClient over(Connection connection, int maxFrameBytes) {
        return new PoolClient(HubLink.open(connection, MessageCodec.shared(maxFrameBytes), "client", "resourcepool-client", m -> {}));
    }

    /**
     * Logs in with a password alone; as {@link #login(String, Secret, Secret)} with no code.
     *
     * @param username the login name
     * @param password the password
     * @return this client
     */
    public PoolClient login(String username, Secret password) {
        return login(username, password, Secret.of(""));
    }

    /**
     * Logs in with a password and a one-time code: a TOTP code from an authenticator app, or a recovery code.
     *
     * @param username the login name
     * @param password the password
     * @param code the one-time code; empty when the user has no second factor
     * @return this client
     * @throws AuthenticationException when the hub refuses: with {@link Authenticator#CODE_REQUIRED} when the user
     *     must give a code, {@link Authenticator#CODE_WRONG} when it is wrong or was used already
     */
    public PoolClient login(String username, Secret password, Secret code) {
        session = Optional.of(link.call(id -> new AuthMessage.Login(id, username, password.reveal(), code.reveal()),
                AuthMessage.AuthOk.class, TIMEOUT));
        return this;
    }

    /**
     * The pool's administration on this session: users, join tokens, nodes and the audit log (admin only).
     *
     * @return the administration facet
     */
    @Override
    public PoolAdministration admin() {
        return new PoolAdministration(link, TIMEOUT);
    }

    /** Second factors: set-up (admins for anyone, others for themselves) and removal (admins), on this session. */
    @Override
    public MfaAdministration mfa() {
        return new MfaAdministration(link, TIMEOUT);
    }

    /**
     * Resumes a session on this connection with its token (no password, no bcrypt: the fast path).
     *
     * @param token the session token from an earlier login
     * @return this client
     * @throws AuthenticationException when the session expired, was revoked or is forged
     */
    public PoolClient resume(Secret token) {
        session = Optional.of(link.call(id -> new AuthMessage.Resume(id, token.reveal()), AuthMessage.AuthOk.class, TIMEOUT));
        return this;
    }

    /**
     * Trades a refresh token for a new session on this connection and the next refresh token, which
     * {@link #refreshToken()} gives from then on; the token given is spent. No password, no bcrypt.
     *
     * @param refreshToken the latest refresh token of an earlier login
     * @return this client
     * @throws AuthenticationException with {@link Authenticator#REFRESH_FAILED} when the token expired, was revoked
     *     or was used already (which ends its whole family: someone else has a copy)
     */
    public PoolClient refresh(Secret refreshToken) {
        session = Optional.of(link.call(id -> new AuthMessage.Refresh(id, refreshToken.reveal()), AuthMessage.AuthOk.class, TIMEOUT));
        return this;
    }

    /**
     * The refresh token issued with the session, to get a new session when this one expires ({@link #refresh}); keep
     * it as secret as a password. A resumed session has none.
     *
     * @return the token, when the hub issued one with this session
     */
    public Optional<Secret> refreshToken() {
        return session.filter(s -> !s.refreshToken().isEmpty()).map(s -> Secret.of(s.refreshToken()));
    }

    /**
     * When the refresh token expires if it is not used.
     *
     * @return the time, when the hub issued a refresh token with this session
     */
    public Optional<Instant> refreshExpiresAt() {
        return session.filter(s -> !s.refreshToken().isEmpty()).map(s -> Instant.ofEpochMilli(s.refreshExpiresAt()));
    }

    /**
     * The session token, to resume later; keep it as secret as a password.
     *
     * @return the token, when logged in
     */
    public Optional<Secret> sessionToken() {
        return session.map(s -> Secret.of(s.token()));
    }

    /**
     * When the session expires.
     *
     * @return the time, when logged in
     */
    public Optional<Instant> sessionExpiresAt() {
        return session.map(s -> Instant.ofEpochMilli(s.expiresAt()));
    }

    /**
     * Who is logged in.
     *
     * @return the user's name, when logged in
     */
    public Optional<String> username() {
        return session.map(AuthMessage.AuthOk::username);
    }

    /**
     * Whether an admin reset this user's password: until they set a new one ({@link #changePassword}), the hub
     * refuses every other request.
     *
     * @return true when a new password must be set first
     */
    public boolean passwordChangeRequired() {
        return session.map(AuthMessage.AuthOk::passwordChangeRequired).orElse(false);
    }

    /**
     * The logged-in user's role.
     *
     * @return the role, when logged in
     */
    @Override
    public Optional<Role> role() {
        return session.map(s -> Role.fromWireName(s.role()));
    }

    /**
     * Every enrolled node.
     *
     * @return the nodes
     */
    @Override
    public List<NodeInfo> nodes() {
        return link.call(QueryMessage.Nodes::new, QueryMessage.NodeList.class, TIMEOUT).nodes().stream().map(WireViews::node).toList();
    }

    /**
     * The sums over the online nodes.
     *
     * @return the aggregate
     */
    @Override
    public PoolAggregate aggregate() {
        return WireViews.aggregate(link.call(QueryMessage.Aggregate::new, QueryMessage.AggregateResult.class, TIMEOUT));
    }

    /**
     * Each user's GPU time: every attempt of their jobs the hub still keeps, the current attempt once it has ended.
     * An admin is told every user's; anyone else only their own.
     *
     * @return the users with GPU time, by name
     */
    @Override
    public List<UserUsage> usage() {
        return link.call(QueryMessage.Usage::new, QueryMessage.UsageResult.class, TIMEOUT).users().stream()
                .map(WireViews::usage).toList();
    }

    /**
     * Runs a command on a named node and waits for it.
     *
     * @param node the node
     * @param command the program and its arguments
     * @return how it ended, with its output
     */
    public RunResult run(NodeId node, List<String> command) {
        return run(JobSpec.of(command).withTarget(NodeSelector.named(node)));
    }

    /**
     * Runs a job and waits for it.
     *
     * @param spec what to run and where
     * @return how it ended, with its output
     */
    public RunResult run(JobSpec spec) {
        return run(spec, (channel, chunk) -> {});
    }

    /**
     * Runs a job, passing its output on as it comes, and waits for it.
     *
     * @param spec what to run and where
     * @param live receives each chunk of output as it arrives
     * @return how it ended, with its output
     */
    @Override
    public RunResult run(JobSpec spec, OutputSink live) {
        return new RunCollector(live).await(link, id -> new JobMessage.Run(id, WireJobSpec.from(spec)));
    }

    /**
     * Reattaches to a job from any connection, after a disconnect or from another machine: passes on the output
     * the hub kept so far (its last {@value io.resourcepool.api.spi.store.JobRecord#MAX_OUTPUT_TAIL_BYTES} bytes,
     * stdout and stderr interleaved, as stdout), then the output as it comes, and waits for the end. A job that
     * has ended answers at once with its stored tail and result.
     *
     * @param job the job, one's own or (for an admin) anyone's
     * @param live receives each chunk of output as it arrives
     * @return how it ended, with the output seen
     * @throws io.resourcepool.api.NotFoundException when the job does not exist or is not the caller's
     */
    public RunResult follow(JobId job, OutputSink live) {
        return new RunCollector(live).await(link, id -> new JobMessage.Follow(id, job.toString()));
    }

    @Override
    public RunResult relay(JobId job, OutputSink live) {
        return new RunCollector(live, false).await(link, id -> new JobMessage.Follow(id, job.toString()));
    }

    @Override
    public JobId submit(JobSpec spec) {
        return JobId.parse(link.call(id -> new JobMessage.Submit(id, WireJobSpec.from(spec)), JobMessage.Accepted.class, TIMEOUT).jobId());
    }

    @Override
    public List<JobInfo> jobs(JobQuery query) {
        if (query.limit() > JobQueryMessage.MAX_JOBS) {
            throw new IllegalArgumentException("limit must be at most " + JobQueryMessage.MAX_JOBS + ", was " + query.limit());
        }
        JobQueryMessage.JobList list = link.call(id -> new JobQueryMessage.Jobs(id, query.state().map(Enum::name).orElse(""),
                query.node().map(NodeId::value).orElse(""), query.owner().orElse(""), query.limit()), JobQueryMessage.JobList.class, TIMEOUT);
        return list.jobs().stream().map(j -> WireViews.job(j, Bytes.EMPTY)).toList();
    }

    @Override
    public JobInfo job(JobId job) {
        JobQueryMessage.JobDetail d = link.call(id -> new JobQueryMessage.Job(id, job.toString()), JobQueryMessage.JobDetail.class, TIMEOUT);
        return JobInfo.of(d.job(), d.tailBytes());
    }

    @Override
    public void cancel(JobId job) {
        link.call(id -> new JobMessage.Cancel(id, job.toString()), ControlMessage.Ok.class, TIMEOUT);
    }

    /**
     * Changes the logged-in user's own password. Every other session of theirs ends; this client carries on
     * with a new session, whose token {@link #sessionToken()} now returns.
     *
     * @param currentPassword the password now
     * @param newPassword the password wanted
     * @throws io.resourcepool.api.PermissionDeniedException when the current password is wrong or the account
     *     is locked (the session on this connection goes on)
     */
    public void changePassword(Secret currentPassword, Secret newPassword) {
        session = Optional.of(link.call(id -> new AuthMessage.PasswordChange(id, currentPassword.reveal(), newPassword.reveal()),
                AuthMessage.AuthOk.class, TIMEOUT));
    }

    /** Round trip to the hub, for liveness and latency checks. */
    public void ping() {
        link.call(ControlMessage.Ping::new, ControlMessage.Pong.class, TIMEOUT);
    }

    /** Ends the session on the hub, with every session and refresh token of its family; they stop working everywhere. */
    @Override
    public void logout() {
        link.call(AuthMessage.Logout::new, ControlMessage.Ok.class, TIMEOUT);
        session = Optional.empty();
    }

    /** Closes the connection (the session stays valid until it expires or is logged out). */
    @Override
    public void close() {
        link.close();
    }
}
