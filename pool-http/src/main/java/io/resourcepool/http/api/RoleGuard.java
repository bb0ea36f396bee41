package io.resourcepool.http.api;

import io.resourcepool.api.Role;
import io.resourcepool.http.server.Peers;
import io.resourcepool.http.server.Problem;
import io.resourcepool.http.server.Problems;
import io.resourcepool.http.server.RequestGuard;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;

/**
 * Lets a request through when it carries a session whose role includes a given one, as the hub knows it now: for
 * a path the hub itself knows nothing of, such as {@code /metrics}. The hub checks the session (and counts a bad
 * token against the address); this guard only compares the role the hub answered.
 */
final class RoleGuard implements RequestGuard {
    private final HubDoor hub;
    private final Role needed;

    RoleGuard(HubDoor hub, Role needed) {
        this.hub = hub;
        this.needed = needed;
    }

    @Override
    public Optional<Problem> refuse(Request request) {
        String peer = Peers.of(request);
        try {
            Role role = hub.operations(peer, ApiCall.bearer(Optional.ofNullable(request.getHeaders().get(HttpHeader.AUTHORIZATION))))
                    .role().orElseThrow();
            return role.includes(needed) ? Optional.empty()
                    : Optional.of(Problems.forbidden("this needs the " + needed.wireName() + " role or a stronger one; you have " + role.wireName()));
        } catch (RuntimeException e) {
            return Optional.of(Failures.toProblem(e, request.getMethod() + " " + request.getHttpURI().getPath() + " from " + peer));
        }
    }
}
