package io.resourcepool.testkit.store;

import java.util.Map;
import java.util.function.Predicate;

/** Removes at most a batch of the entries that retention no longer keeps, as the SQL stores do. */
final class OldEntries {
    private OldEntries() {}

    static <K, V> int removeBatch(Map<K, V> entries, Predicate<V> ended, int maxRows) {
        if (maxRows < 1) {
            throw new IllegalArgumentException("maxRows must be at least 1, but is " + maxRows);
        }
        var doomed = entries.entrySet().stream().filter(e -> ended.test(e.getValue())).limit(maxRows).map(Map.Entry::getKey).toList();
        doomed.forEach(entries::remove);
        return doomed.size();
    }
}
