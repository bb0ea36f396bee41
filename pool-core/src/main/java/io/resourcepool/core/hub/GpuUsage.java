package io.resourcepool.core.hub;

import io.resourcepool.api.Role;
import io.resourcepool.core.auth.Session;
import io.resourcepool.core.protocol.QueryMessage;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The answer to USAGE: each user's GPU time as the store sums it, every user's for an admin and only one's own otherwise. */
final class GpuUsage {
    private GpuUsage() {}

    static List<QueryMessage.WireUsage> of(Map<String, Duration> byOwner, Session asker) {
        return byOwner.entrySet().stream()
                .filter(e -> asker.role().includes(Role.ADMIN) || e.getKey().equals(asker.username()))
                .sorted(Map.Entry.comparingByKey())
                .map(e -> new QueryMessage.WireUsage(e.getKey(), e.getValue().toMillis() / 1000.0)).toList();
    }
}
