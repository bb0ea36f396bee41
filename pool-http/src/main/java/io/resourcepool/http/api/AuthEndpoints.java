package io.resourcepool.http.api;

import io.resourcepool.api.Secret;
import io.resourcepool.core.client.PoolClient;
import java.util.Set;

/**
 * {@code POST /v1/auth/login}, {@code POST /v1/auth/password} and {@code POST /v1/auth/logout}: a password login (with
 * the one-time code when the user has a second factor) gives a bearer token and its expiry; a password change ends
 * every session of the user and gives the caller a new one; logout ends that session on the hub, everywhere.
 */
final class AuthEndpoints {
    private static final Set<String> LOGIN_FIELDS = Set.of("username", "password", "code");
    private static final Set<String> PASSWORD_FIELDS = Set.of("currentPassword", "newPassword");

    private final HubClients hub;

    AuthEndpoints(HubClients hub) {
        this.hub = hub;
    }

    Answer login(ApiCall call) {
        Login login = Login.read(call);
        return hub.anonymous(call.peer(), client -> {
            client.login(login.username(), login.password(), login.code());
            return Answer.ok(Views.Session.of(client, login.username()));
        });
    }

    /**
     * The caller's own password change: every session of theirs ends, and the answer is a new one for the caller,
     * as a login gives. The way out of an admin's reset.
     */
    Answer changePassword(ApiCall call) {
        JsonObject body = call.json(PASSWORD_FIELDS);
        Secret current = Secret.of(body.text("currentPassword"));
        Secret chosen = Secret.of(body.text("newPassword"));
        Answer changed = hub.dedicated(call.peer(), call.token(), client -> {
            String username = client.username().orElseThrow();
            client.changePassword(current, chosen);
            return Answer.ok(Views.Session.of(client, username));
        });
        hub.ended(call.token());
        return changed;
    }

    /**
     * A login's body: {@code username}, {@code password} and, for a user with a second factor, {@code code}.
     *
     * @param username who logs in
     * @param password the password
     * @param code the one-time code, empty when not sent
     */
    record Login(String username, Secret password, Secret code) {
        /** Reads the body, or refuses it with a 400 problem naming the field. */
        static Login read(ApiCall call) {
            JsonObject body = call.json(LOGIN_FIELDS);
            return new Login(body.text("username"), Secret.of(body.text("password")), Secret.of(body.optionalText("code").orElse("")));
        }
    }

    Answer logout(ApiCall call) {
        hub.act(call, PoolClient::logout);
        hub.ended(call.token());
        return Answer.empty();
    }
}
