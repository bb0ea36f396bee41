package io.resourcepool.core.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.resourcepool.api.spi.store.CredentialStore;
import io.resourcepool.api.spi.store.SessionRecord;
import io.resourcepool.api.spi.store.UserAccount;
import java.util.Optional;

/**
 * Reads what a resume checks, a session's row and its user's, and keeps them for the next request of the same
 * session for as long as no credential has been written: over a store that counts its writes
 * ({@link CountedCredentialWrites}, as {@link AuthServices} wires it), a logout, a revocation, a password change or
 * reset, a role change or a user's removal, like every other write, makes every kept row stale at once, and the
 * next resume reads the store again; over a store shared with other hubs, so does a write of theirs as soon as it is
 * heard, and nothing is kept while it cannot be ({@link CredentialEpochWatch}). The caller still checks the rows on
 * every request (expiry against the clock included), so a kept row only spares the reads. Over any other store,
 * nothing is kept.
 */
final class SessionRows {
    /** Bounds the memory: one entry per live session that was resumed, the least used dropped first. */
    private static final int MAX_KEPT = 10_000;

    private final CredentialStore credentials;
    private final CountedCredentialWrites writes;
    private final Cache<String, Kept> kept;

    /**
     * What a resume reads.
     *
     * @param session the session's row
     * @param user its user's row; empty when the user no longer exists
     */
    record Rows(SessionRecord session, Optional<UserAccount> user) {}

    private record Kept(Rows rows, long generation) {}

    SessionRows(CredentialStore credentials) {
        this.credentials = credentials;
        this.writes = credentials instanceof CountedCredentialWrites counted ? counted : null;
        this.kept = writes == null ? null : Caffeine.newBuilder().maximumSize(MAX_KEPT).build();
    }

    /**
     * The session's row and its user's, as the store has them now.
     *
     * @param tokenHash the session's key in the store
     * @return the rows; empty when there is no such session
     */
    Optional<Rows> read(String tokenHash) {
        if (writes == null) {
            return fromStore(tokenHash);
        }
        // the count is taken before the reads, so rows read across a write are never taken for current
        long generation = writes.generation();
        if (generation == CountedCredentialWrites.NOT_CURRENT) {
            return fromStore(tokenHash);
        }
        Kept found = kept.getIfPresent(tokenHash);
        if (found != null && found.generation() == generation) {
            return Optional.of(found.rows());
        }
        Optional<Rows> rows = fromStore(tokenHash);
        rows.filter(r -> r.user().isPresent() && r.session().revokedAt().isEmpty())
                .ifPresent(r -> kept.put(tokenHash, new Kept(r, generation)));
        return rows;
    }

    private Optional<Rows> fromStore(String tokenHash) {
        return credentials.findSession(tokenHash).map(session -> new Rows(session, credentials.findUser(session.username())));
    }
}
