package io.resourcepool.http.api;

import io.resourcepool.api.Role;
import io.resourcepool.api.Secret;
import io.resourcepool.http.server.Problems;
import java.util.Map;
import java.util.Set;

/**
 * Users, for admins (the hub refuses anyone else): list them, add one, remove one, change one's role, lift a lock,
 * end every session of one.
 */
final class UserEndpoints {
    private static final Set<String> ADD_FIELDS = Set.of("username", "role", "password");
    private static final Set<String> ROLE_FIELDS = Set.of("role");
    private static final Set<String> RESET_FIELDS = Set.of("password");

    private final HubDoor hub;

    UserEndpoints(HubDoor hub) {
        this.hub = hub;
    }

    Answer list(ApiCall call) {
        return Answer.ok(Map.of("users", hub.operations(call).admin().users().stream().map(Views.User::of).toList()));
    }

    Answer add(ApiCall call) {
        NewUser user = NewUser.read(call);
        hub.operations(call).admin().addUser(user.username(), user.role(), user.password());
        return Answer.created(Map.of("username", user.username(), "role", user.role().wireName()), "/v1/users/" + user.username());
    }

    /**
     * The body of a new user: {@code username}, {@code role} and {@code password}.
     *
     * @param username the name
     * @param role the role
     * @param password the first password
     */
    record NewUser(String username, Role role, Secret password) {
        /** Reads the body, or refuses it with a 400 problem naming the field. */
        static NewUser read(ApiCall call) {
            JsonObject body = call.json(ADD_FIELDS);
            return new NewUser(body.text("username"), UserEndpoints.role(body.text("role")), Secret.of(body.text("password")));
        }
    }

    Answer remove(ApiCall call) {
        hub.operations(call).admin().removeUser(call.pathParameter("username"));
        return Answer.empty();
    }

    Answer changeRole(ApiCall call) {
        Role role = role(call.json(ROLE_FIELDS).text("role"));
        hub.operations(call).admin().changeRole(call.pathParameter("username"), role);
        return Answer.empty();
    }

    Answer resetPassword(ApiCall call) {
        Secret password = Secret.of(call.json(RESET_FIELDS).text("password"));
        hub.operations(call).admin().resetPassword(call.pathParameter("username"), password);
        return Answer.empty();
    }

    Answer unlock(ApiCall call) {
        hub.operations(call).admin().unlock(call.pathParameter("username"));
        return Answer.empty();
    }

    Answer revokeSessions(ApiCall call) {
        hub.operations(call).admin().revokeSessions(call.pathParameter("username"));
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
