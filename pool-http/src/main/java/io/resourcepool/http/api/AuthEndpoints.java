package io.resourcepool.http.api;

import io.resourcepool.api.Secret;
import io.resourcepool.core.client.SessionGrant;
import java.util.Set;

/**
 * {@code POST /v1/auth/login}, {@code POST /v1/auth/refresh}, {@code POST /v1/auth/password} and
 * {@code POST /v1/auth/logout}: a password login (with the one-time code when the user has a second factor) gives a
 * bearer token, its expiry and a refresh token; a refresh trades the refresh token (in the body: the dashboard keeps
 * no cookies) for a new pair; a password change ends every session of the user and gives the caller a new one;
 * logout ends that session's whole refresh family on the hub, everywhere.
 */
final class AuthEndpoints {
    private static final Set<String> LOGIN_FIELDS = Set.of("username", "password", "code");
    private static final Set<String> PASSWORD_FIELDS = Set.of("currentPassword", "newPassword");
    private static final Set<String> REFRESH_FIELDS = Set.of("refreshToken");

    private final HubDoor hub;

    AuthEndpoints(HubDoor hub) {
        this.hub = hub;
    }

    Answer login(ApiCall call) {
        Login login = Login.read(call);
        return Answer.ok(Views.Session.of(hub.door().login(login.username(), login.password(), login.code(), call.peer()), login.username()));
    }

    /**
     * A refresh: no bearer token (the session it renews may have expired), the refresh token in the body. The
     * answer is a login's; a refused token is a 401 problem, the same for every cause.
     */
    Answer refresh(ApiCall call) {
        Secret token = Secret.of(call.json(REFRESH_FIELDS).text("refreshToken"));
        SessionGrant session = hub.door().refresh(token, call.peer());
        return Answer.ok(Views.Session.of(session, session.username()));
    }

    /**
     * The caller's own password change: every session of theirs ends, and the answer is a new one for the caller,
     * as a login gives. The way out of an admin's reset.
     */
    Answer changePassword(ApiCall call) {
        JsonObject body = call.json(PASSWORD_FIELDS);
        Secret current = Secret.of(body.text("currentPassword"));
        Secret chosen = Secret.of(body.text("newPassword"));
        SessionGrant session = hub.operations(call).changePassword(current, chosen);
        return Answer.ok(Views.Session.of(session, session.username()));
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
        hub.operations(call).logout();
        return Answer.empty();
    }
}
