package io.resourcepool.core.hub;

import io.resourcepool.api.Bytes;
import io.resourcepool.api.HubId;
import io.resourcepool.api.StoreException;
import io.resourcepool.api.spi.store.HandoverMessage;
import io.resourcepool.api.spi.store.HandoverQueue;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The handover queue in memory, as the PostgreSQL store keeps it: each message taken once, in order; a waiter woken by a send. */
final class InMemoryHandover implements HandoverQueue {
    private final List<HandoverMessage> queued = new ArrayList<>();
    private final Set<HubId> listening = new HashSet<>();
    private long lastSequence;

    @Override
    public synchronized HandoverMessage send(HubId to, String kind, Bytes payload) {
        HandoverMessage message = new HandoverMessage(++lastSequence, to, kind, payload, Instant.now());
        queued.add(message);
        notifyAll();
        return message;
    }

    @Override
    public synchronized List<HandoverMessage> take(HubId hub, int max) {
        List<HandoverMessage> taken = queued.stream().filter(m -> m.to().equals(hub)).limit(max).toList();
        queued.removeAll(taken);
        return taken;
    }

    @Override
    public synchronized boolean await(HubId hub, Duration timeout) {
        if (listening.add(hub)) {
            return true;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (queued.stream().noneMatch(m -> m.to().equals(hub))) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StoreException("interrupted while waiting for a letter", e);
            }
        }
        return true;
    }

    @Override
    public synchronized int reassign(HubId from, HubId to) {
        return 0;
    }
}
