package io.resourcepool.http.api;

import java.util.Map;

/**
 * {@code GET /v1/nodes} and {@code GET /v1/aggregate}: the pool as the hub sees it now; {@code GET /v1/usage}: what
 * each user's jobs have used.
 */
final class PoolEndpoints {
    private final HubDoor hub;

    PoolEndpoints(HubDoor hub) {
        this.hub = hub;
    }

    Answer nodes(ApiCall call) {
        return Answer.ok(Map.of("nodes", hub.operations(call).nodes().stream().map(Views.Node::of).toList()));
    }

    Answer aggregate(ApiCall call) {
        return Answer.ok(Views.Aggregate.of(hub.operations(call).aggregate()));
    }

    Answer usage(ApiCall call) {
        return Answer.ok(Map.of("users", hub.operations(call).usage().stream().map(Views.Usage::of).toList()));
    }
}
