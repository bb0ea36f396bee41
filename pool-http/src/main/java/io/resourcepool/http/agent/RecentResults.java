package io.resourcepool.http.agent;

import io.resourcepool.core.protocol.WireTask;
import java.util.LinkedHashMap;
import java.util.Map;

/** The last few results the hub acknowledged, oldest forgotten first. Thread-safe. */
final class RecentResults {
    private final Map<WireTask, Boolean> tasks;

    RecentResults(int capacity) {
        this.tasks = new LinkedHashMap<>(16, 0.75f, false) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<WireTask, Boolean> eldest) {
                return size() > capacity;
            }
        };
    }

    synchronized void add(WireTask task) {
        tasks.put(task, Boolean.TRUE);
    }

    synchronized boolean contains(WireTask task) {
        return tasks.containsKey(task);
    }
}
