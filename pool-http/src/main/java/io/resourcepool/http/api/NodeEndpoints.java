package io.resourcepool.http.api;

import io.resourcepool.api.NodeId;
import io.resourcepool.http.server.Problems;

/**
 * Nodes, for admins (the hub refuses anyone else): drain one (it takes no new work and finishes what it has), put it
 * back to work, or remove it (its certificate is no longer accepted; it must enroll again to come back).
 */
final class NodeEndpoints {
    private final HubDoor hub;

    NodeEndpoints(HubDoor hub) {
        this.hub = hub;
    }

    Answer drain(ApiCall call) {
        hub.operations(call).admin().drain(node(call), true);
        return Answer.empty();
    }

    Answer undrain(ApiCall call) {
        hub.operations(call).admin().drain(node(call), false);
        return Answer.empty();
    }

    Answer remove(ApiCall call) {
        hub.operations(call).admin().removeNode(node(call));
        return Answer.empty();
    }

    /** A node id that cannot be one names no node: 404, as an unknown one. */
    private static NodeId node(ApiCall call) {
        try {
            return NodeId.of(call.pathParameter("id"));
        } catch (IllegalArgumentException e) {
            throw new ProblemException(Problems.notFound("there is no node with that id; GET /v1/nodes lists them"));
        }
    }
}
