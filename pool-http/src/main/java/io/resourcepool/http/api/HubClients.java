package io.resourcepool.http.api;

import io.resourcepool.api.Secret;
import io.resourcepool.core.client.PoolClient;
import io.resourcepool.core.client.PoolOperations;
import io.resourcepool.core.hub.FollowerBuffers;
import io.resourcepool.core.hub.Hub;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The gateway's way into the hub. The pool and job requests go through the hub's typed front door
 * ({@link #operations}), called directly under the HTTP peer's address. The others (logins, account, admin, a run,
 * a live output stream) are still made as the hub's own in-process client under that address. Either way the hub
 * checks each request exactly as one from the network (the session on every request, the role, the per-address
 * limits) and audits it under that address. Nothing here decides who may do what. In-process clients in a session
 * are kept between requests ({@link SessionClients}); a request that holds its client for long (a live output
 * stream) gets one of its own.
 */
final class HubClients implements AutoCloseable {
    /** How long a session's client is kept unused. */
    static final Duration KEPT_IDLE = Duration.ofSeconds(60);

    private final Hub hub;
    /** The clients of requests under way that are not kept (logins, live output streams), to close on stop. */
    private final Set<PoolClient> open = ConcurrentHashMap.newKeySet();
    private final SessionClients sessions;

    HubClients(Hub hub) {
        this.hub = hub;
        this.sessions = new SessionClients(this::connect, KEPT_IDLE);
    }

    private PoolClient connect(String peer) {
        return PoolClient.over(hub.connectInProcess(peer), hub.maxFrameBytes());
    }

    /**
     * How much output may wait for one slow follower: the hub's own bound ({@code hub.follower-buffer}), so a
     * stream's reader is held to what a reader of the binary protocol is.
     *
     * @return the bytes
     */
    long followerBufferBytes() {
        return hub.relayLimits().followerBufferBytes();
    }

    /**
     * Where the output a stream holds for its reader is counted, with the hub's own followers' (its status and
     * {@code /metrics}).
     *
     * @return the hub's account
     */
    FollowerBuffers followerBuffers() {
        return hub.followerBuffers();
    }

    /**
     * The hub's typed front door for the request's caller: the hub finds the session by the request's bearer token on
     * each call and checks it, the role, the address's limit and the audit as for a request from the network.
     *
     * @param call the request, whose bearer token names the session
     * @return the caller's operations on the hub
     */
    PoolOperations operations(ApiCall call) {
        return operations(call.peer(), call.token());
    }

    /**
     * The hub's typed front door for a caller.
     *
     * @param peer the HTTP client's address
     * @param token the session's token
     * @return the caller's operations on the hub
     */
    PoolOperations operations(String peer, Secret token) {
        return hub.operations(token, peer);
    }

    /**
     * Runs work on a fresh, not yet logged-in client, closed afterwards.
     *
     * @param peer the HTTP client's address
     * @param work what to do
     * @param <T> what it gives
     * @return what it gave
     */
    <T> T anonymous(String peer, Function<PoolClient, T> work) {
        PoolClient client = connect(peer);
        open.add(client);
        try {
            return work.apply(client);
        } finally {
            open.remove(client);
            client.close();
        }
    }

    /**
     * Runs work in the request's session, on the session's kept client. The hub checks the session (expired, logged
     * out, revoked) on each of the work's requests.
     *
     * @param call the request, whose bearer token names the session
     * @param work what to do; it must not block the client's reader (use {@link #dedicated} for that)
     * @param <T> what it gives
     * @return what it gave
     */
    <T> T session(ApiCall call, Function<PoolClient, T> work) {
        return sessions.with(call.peer(), call.token(), work);
    }

    /**
     * Does something in the request's session that answers nothing, on the session's kept client.
     *
     * @param call the request, whose bearer token names the session
     * @param action what to do
     */
    void act(ApiCall call, Consumer<PoolClient> action) {
        session(call, client -> {
            action.accept(client);
            return true;
        });
    }

    /**
     * Runs work in a session on a client of its own, resumed for it and closed after it: for work that holds the
     * client long or blocks its reader (a live output stream), and for checks that need the role as it is now.
     *
     * @param peer the HTTP client's address
     * @param token the session's token
     * @param work what to do
     * @param <T> what it gives
     * @return what it gave
     */
    <T> T dedicated(String peer, Secret token, Function<PoolClient, T> work) {
        return anonymous(peer, client -> work.apply(client.resume(token)));
    }

    /**
     * Forgets the kept clients of a session that was logged out.
     *
     * @param token the session's token
     */
    void ended(Secret token) {
        sessions.ended(token);
    }

    /** Closes every client, kept or in use (a waiting run, a live output stream); their requests fail. */
    @Override
    public void close() {
        sessions.close();
        open.forEach(PoolClient::close);
    }
}
