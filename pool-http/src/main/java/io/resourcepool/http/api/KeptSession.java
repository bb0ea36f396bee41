package io.resourcepool.http.api;

import io.resourcepool.core.client.PoolClient;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The open clients of one session from one address: a request takes the least busy; when every client is busy
 * and there are fewer than {@value #MAX_CLIENTS}, it opens another, one opening at a time, so that the session never
 * has more than one RESUME in flight. Requests that find no client while the first is opening wait for it.
 */
final class KeptSession {
    /** The most clients one session keeps from one address. */
    static final int MAX_CLIENTS = 16;

    /** One client and how many requests use it now. */
    static final class Lease {
        private final PoolClient client;
        private final KeptSession owner;
        private int users;

        private Lease(PoolClient client, KeptSession owner) {
            this.client = client;
            this.owner = owner;
        }

        PoolClient client() {
            return client;
        }

        void release() {
            owner.release(this);
        }
    }

    private final Supplier<PoolClient> open;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition opened = lock.newCondition();
    private final List<Lease> clients = new ArrayList<>();
    private boolean opening;
    private boolean closed;
    private long lastUsed = System.nanoTime();

    /**
     * A session with no client yet.
     *
     * @param open opens and resumes one more client of the session
     */
    KeptSession(Supplier<PoolClient> open) {
        this.open = open;
    }

    /** A client to use, released afterwards; opens one when all are busy and there is room. */
    Lease acquire() {
        lock.lock();
        try {
            while (true) {
                Optional<Lease> least = clients.stream().min(Comparator.comparingInt(l -> l.users));
                boolean room = clients.size() < MAX_CLIENTS && !opening && !closed;
                if (least.isPresent() && (least.get().users == 0 || !room)) {
                    return take(least.get());
                }
                if (room) {
                    break;
                }
                if (closed) {
                    throw new io.resourcepool.api.TransportException("the session's clients were closed");
                }
                opened.awaitUninterruptibly();
            }
            opening = true;
        } finally {
            lock.unlock();
        }
        return openOne();
    }

    private Lease openOne() {
        PoolClient client;
        try {
            client = open.get();
        } catch (RuntimeException e) {
            lock.lock();
            try {
                opening = false;
                opened.signalAll();
            } finally {
                lock.unlock();
            }
            throw e;
        }
        lock.lock();
        try {
            opening = false;
            Lease lease = new Lease(client, this);
            clients.add(lease);
            opened.signalAll();
            if (closed) {
                client.close();
            }
            return take(lease);
        } finally {
            lock.unlock();
        }
    }

    private Lease take(Lease lease) {
        lease.users++;
        lastUsed = System.nanoTime();
        return lease;
    }

    private void release(Lease lease) {
        lock.lock();
        try {
            lease.users--;
            lastUsed = System.nanoTime();
        } finally {
            lock.unlock();
        }
    }

    /** Drops a client whose connection broke; the others stay. */
    void discard(Lease lease) {
        lock.lock();
        try {
            clients.remove(lease);
        } finally {
            lock.unlock();
        }
        lease.client.close();
    }

    /** How long no request has used the session; zero while one does. */
    long idleFor() {
        lock.lock();
        try {
            boolean inUse = opening || clients.stream().anyMatch(l -> l.users > 0);
            return inUse ? 0 : System.nanoTime() - lastUsed;
        } finally {
            lock.unlock();
        }
    }

    int size() {
        lock.lock();
        try {
            return clients.size();
        } finally {
            lock.unlock();
        }
    }

    /** Closes every client; requests using one fail. */
    void close() {
        List<Lease> all;
        lock.lock();
        try {
            closed = true;
            all = List.copyOf(clients);
            clients.clear();
            opened.signalAll();
        } finally {
            lock.unlock();
        }
        all.forEach(l -> l.client.close());
    }
}
