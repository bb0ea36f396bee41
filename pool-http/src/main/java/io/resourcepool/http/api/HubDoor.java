package io.resourcepool.http.api;

import io.resourcepool.api.Secret;
import io.resourcepool.core.hub.FollowerBuffers;
import io.resourcepool.core.hub.FrontDoor;
import io.resourcepool.core.hub.Hub;
import io.resourcepool.core.hub.HubOperations;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The gateway's way into the hub: its typed front door ({@link Hub#frontDoor()}), called directly under the HTTP
 * peer's address, so the hub checks each request exactly as one from the network (the session on every request, the
 * role, the per-address limits) and audits it under that address. Nothing here decides who may do what, and nothing
 * is kept between requests. The requests that wait on a job (a run, a live output stream) are ended when the server
 * stops.
 */
final class HubDoor implements AutoCloseable {
    private final Hub hub;
    /** The threads of requests waiting on a job now, to end on stop. */
    private final Set<Thread> waiting = ConcurrentHashMap.newKeySet();

    HubDoor(Hub hub) {
        this.hub = hub;
    }

    /**
     * Logins and refreshes.
     *
     * @return the hub's door
     */
    FrontDoor door() {
        return hub.frontDoor();
    }

    /**
     * The operations of the request's caller: the hub finds the session by the request's bearer token on each call.
     *
     * @param call the request, whose bearer token names the session
     * @return the caller's operations on the hub
     */
    HubOperations operations(ApiCall call) {
        return operations(call.peer(), call.token());
    }

    /**
     * The operations of a caller.
     *
     * @param peer the HTTP client's address
     * @param token the session's token
     * @return the caller's operations on the hub
     */
    HubOperations operations(String peer, Secret token) {
        return hub.frontDoor().operations(token, peer);
    }

    /**
     * Waits on a job (a run, a live output stream) so that stopping the server ends the wait, as the end of a client's
     * connection ends its wait; the job runs on.
     *
     * @param work what waits
     * @param <T> what it gives
     * @return what it gave
     */
    <T> T waiting(Supplier<T> work) {
        Thread self = Thread.currentThread();
        waiting.add(self);
        try {
            return work.get();
        } finally {
            waiting.remove(self);
        }
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

    /** Ends every wait on a job (a run, a live output stream); their requests fail, the jobs run on. */
    @Override
    public void close() {
        waiting.forEach(Thread::interrupt);
    }
}
