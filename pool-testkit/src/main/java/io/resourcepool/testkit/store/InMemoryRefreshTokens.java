package io.resourcepool.testkit.store;

import io.resourcepool.api.StoreException;
import io.resourcepool.api.spi.store.RefreshTokenRecord;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/** Refresh tokens in a map; not thread-safe: {@link InMemoryCredentialStore} calls it under its lock. */
final class InMemoryRefreshTokens {
    private final Map<String, RefreshTokenRecord> tokens = new HashMap<>();

    void create(RefreshTokenRecord token) {
        if (tokens.putIfAbsent(token.tokenHash(), token) != null) {
            throw new StoreException("a refresh token with that hash exists already");
        }
    }

    Optional<RefreshTokenRecord> find(String tokenHash) {
        return Optional.ofNullable(tokens.get(tokenHash));
    }

    Optional<RefreshTokenRecord> issuedWith(String accessTokenHash) {
        return tokens.values().stream().filter(t -> t.accessTokenHash().equals(accessTokenHash)).findFirst();
    }

    boolean spend(String tokenHash, Instant at) {
        RefreshTokenRecord t = tokens.get(tokenHash);
        if (t == null || t.spentAt().isPresent() || t.revokedAt().isPresent()) {
            return false;
        }
        tokens.put(tokenHash, new RefreshTokenRecord(t.tokenHash(), t.familyId(), t.username(), t.accessTokenHash(), t.createdAt(),
                t.expiresAt(), t.familyExpiresAt(), Optional.of(at), t.revokedAt()));
        return true;
    }

    /** Revokes the matching tokens not yet revoked; gives the session hashes issued with any matching token. */
    Set<String> revoke(Predicate<RefreshTokenRecord> which, Instant at) {
        List<RefreshTokenRecord> matching = tokens.values().stream().filter(which).toList();
        revokeLive(matching, at);
        return matching.stream().map(RefreshTokenRecord::accessTokenHash).collect(Collectors.toSet());
    }

    /** Revokes a user's tokens not yet revoked; gives how many. */
    int revokeAllOf(String username, Instant at) {
        return revokeLive(tokens.values().stream().filter(t -> t.username().equals(username)).toList(), at);
    }

    private int revokeLive(List<RefreshTokenRecord> matching, Instant at) {
        List<RefreshTokenRecord> live = matching.stream().filter(t -> t.revokedAt().isEmpty()).toList();
        live.forEach(t -> tokens.put(t.tokenHash(), new RefreshTokenRecord(t.tokenHash(), t.familyId(), t.username(),
                t.accessTokenHash(), t.createdAt(), t.expiresAt(), t.familyExpiresAt(), t.spentAt(), Optional.of(at))));
        return live.size();
    }

    void forget(String username) {
        tokens.values().removeIf(t -> t.username().equals(username));
    }

    int prune(Instant endedBefore, int maxRows) {
        return OldEntries.removeBatch(tokens, t -> t.familyExpiresAt().isBefore(endedBefore)
                || t.revokedAt().filter(r -> r.isBefore(endedBefore)).isPresent(), maxRows);
    }
}
