package io.resourcepool.core.auth;

import io.resourcepool.api.AuthenticationException;
import io.resourcepool.api.Secret;
import io.resourcepool.api.spi.store.CredentialStore;
import io.resourcepool.api.spi.store.RefreshTokenRecord;
import io.resourcepool.api.spi.store.UserAccount;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;
import java.util.UUID;

/**
 * Refresh tokens that rotate on every use (OAuth 2.0 Security Best Current Practice, section 4.14).
 *
 * <p>A login starts a family: a session and a refresh token. Using the family's live refresh token spends it and
 * gives a new session and the next refresh token of the same family. A spent token used again means that two
 * parties hold the family, the rightful one and a thief, and nobody can tell which is which: the whole family ends,
 * every session issued with it too, and the reuse is audited as {@value #REUSE_ACTION}, which raises an alert. A
 * refresh token expires when unused for the idle timeout, and every token of a family at the family's end, its
 * absolute lifetime after the login. Tokens are made and checked as session tokens are ({@link SessionTokens}) and
 * kept only hashed.
 */
final class RefreshFamilies {
    /** The one answer to every refused refresh token. */
    static final String REFRESH_FAILED = "refresh token expired, already used or revoked; log in again";

    /** The audit action of a spent refresh token used again. */
    static final String REUSE_ACTION = "session.refresh-reuse";

    private final CredentialStore credentials;
    private final SessionTokens tokens;
    private final Sessions sessions;
    private final AuditRecorder audit;
    private final Duration idleTimeout;
    private final Duration lifetime;
    private final InstantSource clock;

    RefreshFamilies(CredentialStore credentials, SessionTokens tokens, Sessions sessions, AuditRecorder audit, AuthConfig config,
            InstantSource clock) {
        this.credentials = credentials;
        this.tokens = tokens;
        this.sessions = sessions;
        this.audit = audit;
        this.idleTimeout = config.refreshIdleTimeout();
        this.lifetime = config.refreshLifetime();
        this.clock = clock;
    }

    /** Starts a family for a user who just proved who they are: a new session with the family's first refresh token. */
    Session start(UserAccount user) {
        Instant familyEnd = clock.instant().plus(lifetime);
        return next(user, UUID.randomUUID().toString(), familyEnd);
    }

    /**
     * Spends a refresh token for a new session and the next token of its family.
     *
     * @throws AuthenticationException with {@value #REFRESH_FAILED} when the token is forged, unknown, expired,
     *     revoked or spent; a spent one ends its family
     */
    Session refresh(Secret token, String sourceAddress) {
        if (!tokens.verifySignature(token)) {
            throw refused("unknown", sourceAddress, "bad signature");
        }
        String hash = SessionTokens.hashOf(token);
        RefreshTokenRecord stored = credentials.findRefreshToken(hash).orElseThrow(() -> refused("unknown", sourceAddress, "no such refresh token"));
        Instant now = clock.instant();
        if (stored.revokedAt().isPresent()) {
            throw refused(stored.username(), sourceAddress, "its family was ended");
        }
        if (stored.spentAt().isPresent()) {
            throw reused(stored, sourceAddress);
        }
        if (!stored.isUsableAt(now)) {
            throw refused(stored.username(), sourceAddress, "expired");
        }
        Optional<UserAccount> user = credentials.findUser(stored.username());
        if (user.isEmpty()) {
            throw refused(stored.username(), sourceAddress, "user no longer exists");
        }
        if (!credentials.spendRefreshToken(hash, now)) {
            throw reused(stored, sourceAddress); // another use of the same token won the race
        }
        Session next = next(user.get(), stored.familyId(), stored.familyExpiresAt());
        if (credentials.findRefreshToken(hash).flatMap(RefreshTokenRecord::revokedAt).isPresent()) {
            // The family was ended (a racing reuse, a logout) between the spend and the new pair: end it again,
            // which now takes the new pair too, rather than hand out a session that escaped it.
            credentials.endRefreshFamily(stored.familyId(), clock.instant());
            throw refused(stored.username(), sourceAddress, "its family was ended while it was renewed");
        }
        return next;
    }

    /** Ends the family of a session, if it has one: every session and refresh token of it. */
    void endFamilyOf(Secret sessionToken) {
        credentials.findRefreshTokenIssuedWith(SessionTokens.hashOf(sessionToken))
                .ifPresent(t -> credentials.endRefreshFamily(t.familyId(), clock.instant()));
    }

    private Session next(UserAccount user, String familyId, Instant familyEnd) {
        Instant now = clock.instant();
        Session session = sessions.open(user, familyEnd);
        Secret refreshToken = tokens.issue();
        Instant expiresAt = Sessions.earlier(now.plus(idleTimeout), familyEnd);
        credentials.createRefreshToken(RefreshTokenRecord.issued(SessionTokens.hashOf(refreshToken), familyId, user.username(),
                SessionTokens.hashOf(session.token()), now, expiresAt, familyEnd));
        return session.withRefresh(new IssuedRefreshToken(refreshToken, expiresAt));
    }

    private AuthenticationException reused(RefreshTokenRecord spent, String sourceAddress) {
        int ended = credentials.endRefreshFamily(spent.familyId(), clock.instant());
        audit.record(spent.username(), REUSE_ACTION, spent.username(), sourceAddress, "a spent refresh token was used again; family "
                + spent.familyId() + " ended with " + ended + " live session(s)");
        return new AuthenticationException(REFRESH_FAILED);
    }

    private AuthenticationException refused(String actor, String sourceAddress, String why) {
        audit.record(actor, "session.refresh-failed", "", sourceAddress, why);
        return new AuthenticationException(REFRESH_FAILED);
    }
}
