package io.resourcepool.core.hub;

import io.resourcepool.api.NodeId;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Episodes of refused registrations of a node that another hub holds, so that a worker retrying every second is
 * logged and audited once, not at every retry. An episode is one (node, holding hub): it begins at the first refusal
 * and ends when the node registers here, when another hub is named as the holder, or when {@code window} has passed
 * since it began (the next refusal then begins a new one). One entry per node at most, and only nodes with a
 * recognised certificate get this far, so the table is as large as the pool at most.
 */
final class LeaseRefusals {
    private record Episode(String holder, Instant ends) {}

    private final Map<NodeId, Episode> episodes = new ConcurrentHashMap<>();
    private final Duration window;
    private final InstantSource clock;

    LeaseRefusals(Duration window, InstantSource clock) {
        this.window = window;
        this.clock = clock;
    }

    /**
     * Counts a refusal of the node because the hub named holds it.
     *
     * @return true when it is the first of its episode: log and audit it; false for a repeat within the episode
     */
    boolean first(NodeId node, String holder) {
        Instant now = clock.instant();
        boolean[] first = new boolean[1];
        episodes.compute(node, (id, open) -> {
            if (open != null && open.holder().equals(holder) && open.ends().isAfter(now)) {
                return open;
            }
            first[0] = true;
            return new Episode(holder, now.plus(window));
        });
        return first[0];
    }

    /** The node registered here: its episode ended, and the next refusal is the first of a new one. */
    void registered(NodeId node) {
        episodes.remove(node);
    }
}
