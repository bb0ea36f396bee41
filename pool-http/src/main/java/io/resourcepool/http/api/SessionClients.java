package io.resourcepool.http.api;

import io.resourcepool.api.AuthenticationException;
import io.resourcepool.api.Secret;
import io.resourcepool.api.TransportException;
import io.resourcepool.core.client.PoolClient;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Open hub clients kept per session and source IP address, each resumed once and then used by request after
 * request, so that an HTTP request costs one hub request rather than a new connection and a RESUME, and so that a
 * browser's parallel requests do not look to the hub's per-address limiter like a burst of guesses (each RESUME in
 * flight holds a place in the address's count). A session gets more clients, one at a time and up to
 * {@value KeptSession#MAX_CLIENTS}, while all it has are busy, because the hub answers one connection's requests in
 * order. The hub still checks the session on every request made on a kept client: a logout, a revocation, an expiry
 * or a role change applies to the very next one. A session the hub refuses is dropped with all its clients, a client
 * whose connection broke alone; a session unused for the idle time is closed. Past a bound on how many sessions are
 * kept, requests get a client of their own, as if nothing were kept.
 *
 * <p>A kept client was opened under the address (IP and port) of the request that opened it; requests from other
 * connections of the same IP reuse it, so the hub's audit rows for them name that first port.
 */
final class SessionClients implements AutoCloseable {
    static final int MAX_SESSIONS = 10_000;

    private record Key(String tokenHash, String ip) {}

    private final Function<String, PoolClient> connect;
    private final Duration idle;
    private final Map<Key, KeptSession> kept = new ConcurrentHashMap<>();
    private final ScheduledExecutorService sweeper;

    /**
     * Keeps clients.
     *
     * @param connect opens a client, not yet logged in, under a peer address
     * @param idle how long an unused session's clients are kept
     */
    SessionClients(Function<String, PoolClient> connect, Duration idle) {
        this.connect = connect;
        this.idle = idle;
        this.sweeper = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("http-session-sweeper").factory());
        long every = Math.max(1, idle.toMillis() / 2);
        sweeper.scheduleWithFixedDelay(this::sweep, every, every, TimeUnit.MILLISECONDS);
    }

    /** Runs work on a kept client of this session and address, opening and resuming one if need be. */
    <T> T with(String peer, Secret token, Function<PoolClient, T> work) {
        Key key = new Key(hash(token), ipOf(peer));
        KeptSession session = kept.get(key);
        if (session == null) {
            if (kept.size() >= MAX_SESSIONS) {
                return fresh(peer, token, work);
            }
            session = kept.computeIfAbsent(key, k -> new KeptSession(() -> connect.apply(peer).resume(token)));
        }
        KeptSession.Lease lease;
        try {
            lease = session.acquire();
        } catch (RuntimeException e) {
            drop(key, session);
            throw e;
        }
        try {
            return work.apply(lease.client());
        } catch (AuthenticationException e) {
            drop(key, session);
            throw e;
        } catch (TransportException e) {
            session.discard(lease);
            throw e;
        } finally {
            lease.release();
        }
    }

    /** Runs work on a client of its own, opened and resumed for it and closed after it. */
    <T> T fresh(String peer, Secret token, Function<PoolClient, T> work) {
        try (PoolClient client = connect.apply(peer)) {
            return work.apply(client.resume(token));
        }
    }

    /** Drops every kept client of a session that has ended (logged out). */
    void ended(Secret token) {
        String hash = hash(token);
        kept.forEach((key, session) -> {
            if (key.tokenHash().equals(hash)) {
                drop(key, session);
            }
        });
    }

    private void drop(Key key, KeptSession session) {
        if (kept.remove(key, session)) {
            session.close();
        }
    }

    private void sweep() {
        kept.forEach((key, session) -> {
            if (session.idleFor() > idle.toNanos()) {
                drop(key, session);
            }
        });
    }

    /** How many sessions have clients kept now. */
    int size() {
        return kept.size();
    }

    /** How many clients a session has now. */
    int clientsOf(Secret token, String peer) {
        KeptSession session = kept.get(new Key(hash(token), ipOf(peer)));
        return session == null ? 0 : session.size();
    }

    @Override
    public void close() {
        sweeper.shutdownNow();
        kept.forEach(this::drop);
    }

    private static String ipOf(String peer) {
        int colon = peer.lastIndexOf(':');
        return colon > 0 ? peer.substring(0, colon) : peer;
    }

    /** The map holds the token's hash, never the token, so that nothing that prints it shows a credential. */
    private static String hash(Secret token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.reveal().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
