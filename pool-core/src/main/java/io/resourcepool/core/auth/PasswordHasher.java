package io.resourcepool.core.auth;

import io.resourcepool.api.BusyException;
import io.resourcepool.api.PoolException;
import io.resourcepool.api.Secret;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.mindrot.jbcrypt.BCrypt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hashes and checks passwords with bcrypt on a bounded pool of its own.
 *
 * <p>bcrypt is deliberately slow (about a quarter of a second at cost 12), so it runs on a fixed number of
 * platform threads named {@code bcrypt-N} with a bounded queue. When the queue is full a call fails at once
 * with {@link BusyException}: a flood of logins is answered "busy" and cannot starve heartbeats or jobs, which
 * run elsewhere. Callers block while their check runs; on virtual threads that costs nothing.
 *
 * <p>The hasher owns its pool: whoever made it closes it, and {@link #close()} stops nothing else.
 */
public final class PasswordHasher implements AutoCloseable {
    /** How long a caller turned away as busy should wait before trying again. */
    public static final Duration RETRY_AFTER = Duration.ofSeconds(1);

    private static final Logger LOG = LoggerFactory.getLogger(PasswordHasher.class);
    private static final int MIN_TEST_COST = 4;

    private final int cost;
    private final ThreadPoolExecutor pool;
    private final String dummyHash;
    private final SecureRandom random = new SecureRandom();
    private final AtomicLong verifications = new AtomicLong();

    private PasswordHasher(int cost, int threads, int queueCapacity) {
        this.cost = cost;
        this.pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(queueCapacity),
                Thread.ofPlatform().name("bcrypt-", 1).daemon(true).factory(),
                new ThreadPoolExecutor.AbortPolicy());
        // Made once, at the configured cost, so that checking an unknown user costs what checking a known one does.
        this.dummyHash = BCrypt.hashpw(randomText(), BCrypt.gensalt(cost, random));
    }

    /**
     * Starts a hasher with the configured cost, threads and queue.
     *
     * @param config the configuration (its cost is at least {@value AuthConfig#MIN_BCRYPT_COST})
     * @return the hasher; the caller owns it and must close it
     */
    public static PasswordHasher start(AuthConfig config) {
        return new PasswordHasher(config.bcryptCost(), config.bcryptThreads(), config.bcryptQueue());
    }

    /**
     * Starts a hasher with a cost too weak for real use, so that tests run fast. For tests only: hashes it
     * makes are cheap to crack, and it says so in the log.
     *
     * @param cost the bcrypt cost, 4 or more
     * @param threads the pool's threads, 1 or more
     * @param queueCapacity checks that may wait, 1 or more
     * @return the hasher; the caller owns it and must close it
     */
    public static PasswordHasher insecureForTesting(int cost, int threads, int queueCapacity) {
        if (cost < MIN_TEST_COST || cost > AuthConfig.MAX_BCRYPT_COST) {
            throw new IllegalArgumentException("cost must be between " + MIN_TEST_COST + " and "
                    + AuthConfig.MAX_BCRYPT_COST + ", was " + cost);
        }
        if (threads < 1 || queueCapacity < 1) {
            throw new IllegalArgumentException("threads and queueCapacity must be at least 1, were " + threads
                    + " and " + queueCapacity);
        }
        LOG.warn("password hasher started for TESTING with bcrypt cost {}; never use it for real accounts", cost);
        return new PasswordHasher(cost, threads, queueCapacity);
    }

    /**
     * Hashes a password. Check it with {@link PasswordPolicy#check(Secret)} first: bcrypt ignores bytes past
     * the 72nd.
     *
     * @param password the password
     * @return its bcrypt hash, salt and cost included
     * @throws BusyException when too many checks are already waiting
     */
    public String hash(Secret password) {
        return await(submit(() -> BCrypt.hashpw(password.reveal(), BCrypt.gensalt(cost, random))));
    }

    /**
     * Checks a password against a stored hash.
     *
     * @param password the password offered
     * @param hash the stored bcrypt hash
     * @return true when they match; false when they do not or the hash is malformed
     * @throws BusyException when too many checks are already waiting
     */
    public boolean verify(Secret password, String hash) {
        return await(submit(() -> check(password, hash)));
    }

    /**
     * Does the work of one {@link #verify} against a hash no password matches, for a user who does not exist,
     * so that the answer takes as long as for one who does.
     *
     * @param password the password offered
     * @return always false
     * @throws BusyException when too many checks are already waiting
     */
    public boolean verifyUnknownUser(Secret password) {
        verify(password, dummyHash);
        return false;
    }

    /**
     * How many bcrypt checks have run, the dummy ones included. Tests use it to show that unknown and known
     * users cost the same.
     *
     * @return the count since start
     */
    public long verifications() {
        return verifications.get();
    }

    /**
     * The cost this hasher uses for new hashes.
     *
     * @return the bcrypt cost
     */
    public int cost() {
        return cost;
    }

    /**
     * Stops the pool. Checks still waiting fail; a check already running finishes.
     */
    @Override
    public void close() {
        for (Runnable waiting : pool.shutdownNow()) {
            if (waiting instanceof Future<?> future) {
                future.cancel(false);
            }
        }
    }

    /** Hands work to the pool without waiting for it; package-private so tests can fill the pool. */
    <T> Future<T> submit(Callable<T> work) {
        try {
            return pool.submit(work);
        } catch (RejectedExecutionException e) {
            if (pool.isShutdown()) {
                throw new PoolException("password checks have stopped: the hub is shutting down", e);
            }
            throw new BusyException("the hub is busy checking passwords: " + pool.getActiveCount() + " of "
                    + pool.getMaximumPoolSize() + " bcrypt threads busy, " + pool.getQueue().size() + " of "
                    + (pool.getQueue().size() + pool.getQueue().remainingCapacity()) + " queued; retry in " + RETRY_AFTER.toSeconds() + " s", RETRY_AFTER);
        }
    }

    private boolean check(Secret password, String hash) {
        verifications.incrementAndGet();
        try {
            return BCrypt.checkpw(password.reveal(), hash);
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            // A malformed hash in the store matches nothing; the exception text could quote it, so drop it.
            return false;
        }
    }

    private static <T> T await(Future<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(false);
            throw new PoolException("interrupted while checking a password", e);
        } catch (CancellationException e) {
            throw new PoolException("password checks have stopped: the hub is shutting down", e);
        } catch (ExecutionException e) {
            switch (e.getCause()) {
                case RuntimeException runtime -> throw runtime;
                case Error error -> throw error;
                default -> throw new PoolException("password check failed", e.getCause());
            }
        }
    }

    private String randomText() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
