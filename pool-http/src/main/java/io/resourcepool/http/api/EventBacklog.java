package io.resourcepool.http.api;

import io.resourcepool.core.hub.FollowerBuffers;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The events of one output stream not yet written: put by the thread that follows the job on the hub, which must
 * never wait on the HTTP reader, and taken by the request's thread, which writes them. Bounded in bytes: when a
 * reader falls so far behind that an event would not fit, what was not written is let go, a last event saying so
 * takes its place, and the stream ends with it. What it holds and the readers it drops are counted in the hub's
 * {@link FollowerBuffers}, with the hub's own followers.
 */
final class EventBacklog {
    /** One event to write. */
    record Pending(String name, Object data) {}

    private final long budgetBytes;
    private final Pending overflow;
    private final FollowerBuffers account;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition ready = lock.newCondition();
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private final ArrayDeque<Long> sizes = new ArrayDeque<>();
    private long queuedBytes;
    private boolean lastQueued;
    private boolean dropped;

    /**
     * A backlog of at most {@code budgetBytes}.
     *
     * @param budgetBytes the most the unwritten events may hold
     * @param overflow the last event of a stream whose reader fell behind
     * @param account where the bytes held and the readers dropped are counted
     */
    EventBacklog(long budgetBytes, Pending overflow, FollowerBuffers account) {
        this.budgetBytes = budgetBytes;
        this.overflow = overflow;
        this.account = account;
    }

    /**
     * Queues an event, unless the stream has ended or the event does not fit, which drops the reader.
     *
     * @param sizeBytes what the event holds, about
     * @return false when the reader was dropped (now or before) or the stream has ended: stop feeding it
     */
    boolean offer(String name, Object data, long sizeBytes) {
        lock.lock();
        try {
            if (lastQueued) {
                return false;
            }
            if (queuedBytes + sizeBytes > budgetBytes) {
                letGo();
                dropped = true;
                account.droppedOne();
                enqueue(overflow, 0, true);
                return false;
            }
            enqueue(new Pending(name, data), sizeBytes, false);
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Queues the stream's last event, unless it has ended already (its reader was dropped). */
    void finish(String name, Object data) {
        lock.lock();
        try {
            if (!lastQueued) {
                enqueue(new Pending(name, data), 0, true);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Whether the reader fell behind and was dropped. */
    boolean dropped() {
        lock.lock();
        try {
            return dropped;
        } finally {
            lock.unlock();
        }
    }

    /** The bytes queued now. */
    long queuedBytes() {
        lock.lock();
        try {
            return queuedBytes;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits for the next event to write.
     *
     * @return the event, or empty once the last one has been taken
     */
    Optional<Pending> take() throws InterruptedException {
        lock.lock();
        try {
            while (queue.isEmpty()) {
                if (lastQueued) {
                    return Optional.empty();
                }
                ready.await();
            }
            long size = sizes.poll();
            queuedBytes -= size;
            account.released(size);
            return Optional.of(queue.poll());
        } finally {
            lock.unlock();
        }
    }

    /**
     * Ends the stream where it is, for a reader that has gone: what was not written is let go, and nothing more is
     * queued.
     */
    void close() {
        lock.lock();
        try {
            letGo();
            lastQueued = true;
            ready.signal();
        } finally {
            lock.unlock();
        }
    }

    private void letGo() {
        queue.clear();
        sizes.clear();
        account.released(queuedBytes);
        queuedBytes = 0;
    }

    private void enqueue(Pending event, long sizeBytes, boolean last) {
        queue.add(event);
        sizes.add(sizeBytes);
        queuedBytes += sizeBytes;
        account.held(sizeBytes);
        lastQueued = last;
        ready.signal();
    }
}
