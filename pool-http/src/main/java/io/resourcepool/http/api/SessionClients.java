package io.resourcepool.http.api;

import io.resourcepool.api.AuthenticationException;
import io.resourcepool.api.PoolException;
import io.resourcepool.api.Secret;
import io.resourcepool.api.TransportException;
import io.resourcepool.core.client.PoolClient;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * One open hub client per session and source IP address, resumed once and kept while it is used, so that an HTTP
 * request costs one hub request rather than a new connection and a RESUME, and so that a browser's parallel
 * requests do not look to the hub's per-address limiter like a burst of guesses (each RESUME in flight holds a
 * place in the address's count). The hub still checks the session on every request made on a kept client: a
 * logout, a revocation, an expiry or a role change applies to the very next one. A client whose session the hub
 * refused, or whose connection broke, is dropped at once; one unused for the idle time is closed. Past a bound on
 * how many are kept, requests get a client of their own, as if nothing were kept.
 *
 * <p>A kept client was opened under the address (IP and port) of the request that opened it; requests from other
 * connections of the same IP reuse it, so the hub's audit rows for them name that first port.
 */
final class SessionClients implements AutoCloseable {
    static final int MAX_KEPT = 10_000;

    private record Key(String tokenHash, String ip) {}

    private static final class Kept {
        final CompletableFuture<PoolClient> client = new CompletableFuture<>();
        final AtomicInteger inUse = new AtomicInteger();
        volatile long lastUsed = System.nanoTime();
    }

    private final Function<String, PoolClient> connect;
    private final Duration idle;
    private final Map<Key, Kept> kept = new ConcurrentHashMap<>();
    private final ScheduledExecutorService sweeper;

    /**
     * Keeps clients.
     *
     * @param connect opens a client, not yet logged in, under a peer address
     * @param idle how long an unused client is kept
     */
    SessionClients(Function<String, PoolClient> connect, Duration idle) {
        this.connect = connect;
        this.idle = idle;
        this.sweeper = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("http-session-sweeper").factory());
        long every = Math.max(1, idle.toMillis() / 2);
        sweeper.scheduleWithFixedDelay(this::sweep, every, every, TimeUnit.MILLISECONDS);
    }

    /** Runs work on the kept client of this session and address, opening and resuming it if there is none. */
    <T> T with(String peer, Secret token, Function<PoolClient, T> work) {
        Key key = new Key(hash(token), ipOf(peer));
        Kept entry = kept.get(key);
        if (entry == null) {
            if (kept.size() >= MAX_KEPT) {
                return fresh(peer, token, work);
            }
            Kept mine = new Kept();
            entry = kept.putIfAbsent(key, mine);
            if (entry == null) {
                entry = mine;
                open(key, mine, peer, token);
            }
        }
        entry.inUse.incrementAndGet();
        try {
            T result = work.apply(await(entry.client));
            entry.lastUsed = System.nanoTime();
            return result;
        } catch (AuthenticationException | TransportException e) {
            drop(key, entry);
            throw e;
        } finally {
            entry.inUse.decrementAndGet();
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
        kept.forEach((key, entry) -> {
            if (key.tokenHash().equals(hash)) {
                drop(key, entry);
            }
        });
    }

    private void open(Key key, Kept entry, String peer, Secret token) {
        PoolClient client = connect.apply(peer);
        try {
            entry.client.complete(client.resume(token));
        } catch (RuntimeException e) {
            client.close();
            kept.remove(key, entry);
            entry.client.completeExceptionally(e);
        }
    }

    private static PoolClient await(CompletableFuture<PoolClient> client) {
        try {
            return client.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof PoolException p ? p : new TransportException("could not open a hub client", e.getCause());
        }
    }

    private void drop(Key key, Kept entry) {
        if (kept.remove(key, entry)) {
            entry.client.thenAccept(PoolClient::close);
        }
    }

    private void sweep() {
        long now = System.nanoTime();
        kept.forEach((key, entry) -> {
            if (entry.inUse.get() == 0 && now - entry.lastUsed > idle.toNanos() && entry.client.isDone()) {
                drop(key, entry);
            }
        });
    }

    /** How many clients are kept now. */
    int size() {
        return kept.size();
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
