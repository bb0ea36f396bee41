package io.resourcepool.http.api;

import io.resourcepool.api.Role;
import io.resourcepool.api.Secret;
import io.resourcepool.core.client.PoolClient;
import java.util.Set;

/**
 * {@code POST /v1/auth/login} and {@code POST /v1/auth/logout}: a password login (with the one-time code when the
 * user has a second factor) gives a bearer token and its expiry; logout ends that session on the hub, everywhere.
 */
final class AuthEndpoints {
    private static final Set<String> LOGIN_FIELDS = Set.of("username", "password", "code");

    private final HubClients hub;

    AuthEndpoints(HubClients hub) {
        this.hub = hub;
    }

    Answer login(ApiCall call) {
        JsonObject body = call.json(LOGIN_FIELDS);
        String username = body.text("username");
        Secret password = Secret.of(body.text("password"));
        Secret code = Secret.of(body.optionalText("code").orElse(""));
        return hub.anonymous(call.peer(), client -> {
            client.login(username, password, code);
            return Answer.ok(new Views.Session(client.sessionToken().orElseThrow().reveal(), "Bearer",
                    client.sessionExpiresAt().orElseThrow().toString(), username, client.role().map(Role::wireName).orElseThrow()));
        });
    }

    Answer logout(ApiCall call) {
        hub.act(call, PoolClient::logout);
        hub.ended(call.token());
        return Answer.empty();
    }
}
