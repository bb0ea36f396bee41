package io.resourcepool.testkit.transport;

import static org.assertj.core.api.Assertions.fail;

import io.resourcepool.api.spi.transport.Connection;
import io.resourcepool.api.spi.transport.Frame;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/** Work on named virtual threads, and waits with a deadline, for the contract tests. */
final class Threads {
    /** Long enough for a slow CI machine; a test that needs it has failed anyway. */
    static final Duration PATIENCE = Duration.ofSeconds(30);

    private Threads() {}

    static CompletableFuture<Void> run(String name, Runnable work) {
        return call(name, () -> {
            work.run();
            return null;
        });
    }

    static <T> CompletableFuture<T> call(String name, Callable<T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread.ofVirtual().name(name).start(() -> {
            try {
                result.complete(work.call());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    static CompletableFuture<List<Frame>> receive(Connection connection, int count) {
        return call("receiver", () -> receiveAll(connection, count));
    }

    static List<Frame> receiveAll(Connection connection, int count) {
        List<Frame> frames = new ArrayList<>(count);
        while (frames.size() < count) {
            frames.add(connection.receive());
        }
        return frames;
    }

    static <T> T await(CompletableFuture<T> future) {
        try {
            return future.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new CompletionException("the awaited work failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            return fail("nothing happened within " + PATIENCE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("interrupted while waiting");
        }
    }

    static Throwable awaitFailure(CompletableFuture<?> future) {
        try {
            Object value = future.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
            return fail("expected a failure but got " + value);
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (TimeoutException e) {
            return fail("nothing happened within " + PATIENCE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("interrupted while waiting");
        }
    }

    /** Waits until the thread exists and is parked, which for a receiver means it is blocked in receive. */
    static void awaitParked(Supplier<Thread> thread) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!isParked(thread.get())) {
            if (System.nanoTime() - deadline > 0) {
                fail("the thread did not block within " + PATIENCE);
            }
            LockSupport.parkNanos(Duration.ofMillis(1).toNanos());
        }
    }

    private static boolean isParked(Thread thread) {
        return thread != null && (thread.getState() == Thread.State.WAITING || thread.getState() == Thread.State.TIMED_WAITING);
    }
}
