package io.resourcepool.http.api;

import io.resourcepool.api.Role;
import io.resourcepool.api.Secret;
import io.resourcepool.http.server.Problems;
import java.util.Map;
import java.util.Set;

/**
 * Users, for admins (the hub refuses anyone else): list them, add one, lift a lock, end every session of one.
 */
final class UserEndpoints {
    private static final Set<String> ADD_FIELDS = Set.of("username", "role", "password");

    private final HubClients hub;

    UserEndpoints(HubClients hub) {
        this.hub = hub;
    }

    Answer list(ApiCall call) {
        return hub.session(call, client -> Answer.ok(Map.of("users", client.admin().users().stream().map(Views.User::of).toList())));
    }

    Answer add(ApiCall call) {
        JsonObject body = call.json(ADD_FIELDS);
        String username = body.text("username");
        Role role = role(body.text("role"));
        Secret password = Secret.of(body.text("password"));
        hub.act(call, client -> client.admin().addUser(username, role, password));
        return Answer.created(Map.of("username", username, "role", role.wireName()), "/v1/users/" + username);
    }

    Answer unlock(ApiCall call) {
        hub.act(call, client -> client.admin().unlock(call.pathParameter("username")));
        return Answer.empty();
    }

    Answer revokeSessions(ApiCall call) {
        hub.act(call, client -> client.admin().revokeSessions(call.pathParameter("username")));
        return Answer.empty();
    }

    private static Role role(String name) {
        try {
            return Role.fromWireName(name);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(Problems.invalidField("role", e.getMessage()));
        }
    }
}
