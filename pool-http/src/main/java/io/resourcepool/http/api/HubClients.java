package io.resourcepool.http.api;

import io.resourcepool.api.Secret;
import io.resourcepool.core.client.PoolClient;
import io.resourcepool.core.hub.Hub;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The gateway's way into the hub: every HTTP request is made as the hub's own in-process client, under the HTTP
 * peer's address, so the hub checks it exactly as it checks one from the network (the session on every request,
 * the role, the per-address limits) and audits it under that address. Nothing here decides who may do what.
 */
final class HubClients implements AutoCloseable {
    private final Hub hub;
    private final Set<PoolClient> open = ConcurrentHashMap.newKeySet();

    HubClients(Hub hub) {
        this.hub = hub;
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
        PoolClient client = PoolClient.over(hub.connectInProcess(peer), hub.maxFrameBytes());
        open.add(client);
        try {
            return work.apply(client);
        } finally {
            open.remove(client);
            client.close();
        }
    }

    /**
     * Runs work on a client in the request's session. The hub checks the session (expired, logged out, revoked)
     * before the work's first request and again on each.
     *
     * @param call the request, whose bearer token names the session
     * @param work what to do
     * @param <T> what it gives
     * @return what it gave
     */
    <T> T session(ApiCall call, Function<PoolClient, T> work) {
        return session(call.peer(), call.token(), work);
    }

    /**
     * Runs work on a client in a session.
     *
     * @param peer the HTTP client's address
     * @param token the session's token
     * @param work what to do
     * @param <T> what it gives
     * @return what it gave
     */
    <T> T session(String peer, Secret token, Function<PoolClient, T> work) {
        return anonymous(peer, client -> work.apply(client.resume(token)));
    }

    /** Closes the clients of requests still under way (a waiting run, a live output stream), which then fail. */
    @Override
    public void close() {
        open.forEach(PoolClient::close);
    }
}
