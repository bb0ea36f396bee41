package io.resourcepool.http.api;

import io.resourcepool.core.auth.JoinTokens;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * Join tokens, for admins (the hub refuses anyone else): make one (shown once, with the CA fingerprint workers pin),
 * list them by id and history (never the tokens), withdraw an unused one.
 */
final class JoinTokenEndpoints {
    private static final Set<String> CREATE_FIELDS = Set.of("ttlSeconds");
    private static final long DEFAULT_TTL_SECONDS = 3600;
    private static final long MAX_TTL_SECONDS = JoinTokens.MAX_TTL.toSeconds();

    private final HubDoor hub;

    JoinTokenEndpoints(HubDoor hub) {
        this.hub = hub;
    }

    Answer list(ApiCall call) {
        return Answer.ok(Map.of("joinTokens", hub.operations(call).admin().joinTokens().stream().map(Views.JoinToken::of).toList()));
    }

    Answer create(ApiCall call) {
        Duration ttl = ttl(call);
        Views.NewJoinToken made = Views.NewJoinToken.of(hub.operations(call).admin().createJoinToken(ttl));
        return Answer.created(made, "/v1/join-tokens/" + made.id());
    }

    /** Reads a new token's body, {@code ttlSeconds} (optional), or refuses it with a 400 problem naming the field. */
    static Duration ttl(ApiCall call) {
        return Duration.ofSeconds(call.json(CREATE_FIELDS).optionalWhole("ttlSeconds", 1, MAX_TTL_SECONDS).orElse(DEFAULT_TTL_SECONDS));
    }

    Answer revoke(ApiCall call) {
        hub.operations(call).admin().revokeJoinToken(call.pathParameter("id"));
        return Answer.empty();
    }
}
