package io.resourcepool.core.auth;

import io.resourcepool.api.AuthenticationException;
import io.resourcepool.api.Secret;
import io.resourcepool.api.spi.store.CredentialStore;
import io.resourcepool.api.spi.store.SessionRecord;
import io.resourcepool.api.spi.store.UserAccount;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;

/**
 * Opens, resumes and ends sessions. A resume costs an HMAC and two store reads, never bcrypt, so it can run on
 * every request; the reads are spared while no credential has been written since the same session's last resume
 * ({@link SessionRows}).
 */
final class Sessions {
    static final String RESUME_FAILED = "session expired or revoked; log in again";
    static final String SESSION_ENDED = "your session was ended (logged out or revoked); log in again";
    static final String SESSION_EXPIRED = "your session expired; log in again";

    private final CredentialStore credentials;
    private final SessionRows rows;
    private final SessionTokens tokens;
    private final AuditRecorder audit;
    private final Duration timeout;
    private final InstantSource clock;

    Sessions(CredentialStore credentials, SessionTokens tokens, AuditRecorder audit, Duration timeout, InstantSource clock) {
        this.credentials = credentials;
        this.rows = new SessionRows(credentials);
        this.tokens = tokens;
        this.audit = audit;
        this.timeout = timeout;
        this.clock = clock;
    }

    /** Starts a session for a user whose password or refresh token was just checked, ending by {@code notAfter}. */
    Session open(UserAccount user, Instant notAfter) {
        Instant now = clock.instant();
        Secret token = tokens.issue();
        Instant expiresAt = earlier(now.plus(timeout), notAfter);
        credentials.createSession(new SessionRecord(SessionTokens.hashOf(token), user.username(), now, expiresAt,
                Optional.empty()));
        return new Session(token, user.username(), user.role(), expiresAt, user.passwordChangeRequired());
    }

    /** Finds the live session a token stands for, or fails with one message for every reason. */
    Session resume(Secret token, String sourceAddress) {
        return resume(token, sourceAddress, true);
    }

    /**
     * Finds the live session a token stands for, auditing nothing: for a source already refused for too many
     * failures, whose refusal is audited once a window, and whose honest sessions go on being served.
     */
    Optional<Session> find(Secret token) {
        try {
            return Optional.of(resume(token, "", false));
        } catch (AuthenticationException e) {
            return Optional.empty();
        }
    }

    private Session resume(Secret token, String sourceAddress, boolean audited) {
        if (!tokens.verifySignature(token)) {
            throw refused("unknown", sourceAddress, "bad signature", audited);
        }
        Optional<SessionRows.Rows> stored = rows.read(SessionTokens.hashOf(token));
        if (stored.isEmpty()) {
            throw refused("unknown", sourceAddress, "no such session", audited);
        }
        SessionRecord session = stored.get().session();
        if (!session.isValidAt(clock.instant())) {
            String why = session.revokedAt().isPresent() ? "revoked" : "expired";
            throw refused(session.username(), sourceAddress, why, audited);
        }
        Optional<UserAccount> user = stored.get().user();
        if (user.isEmpty()) {
            throw refused(session.username(), sourceAddress, "user no longer exists", audited);
        }
        return new Session(token, session.username(), user.get().role(), session.expiresAt(), user.get().passwordChangeRequired());
    }

    /**
     * Checks that a session opened earlier on a connection still holds: not ended, not expired, its user still
     * there, reading the store only when a credential was written since the rows were last read ({@link SessionRows}).
     * The answer carries the user's role as it stands now.
     */
    Session recheck(Session session, String sourceAddress) {
        Optional<SessionRows.Rows> stored = rows.read(SessionTokens.hashOf(session.token()));
        if (stored.isEmpty() || stored.get().session().revokedAt().isPresent()) {
            throw ended(session, sourceAddress, SESSION_ENDED, stored.isEmpty() ? "no such session" : "revoked");
        }
        if (!stored.get().session().isValidAt(clock.instant())) {
            throw ended(session, sourceAddress, SESSION_EXPIRED, "expired");
        }
        Optional<UserAccount> user = stored.get().user();
        if (user.isEmpty()) {
            throw ended(session, sourceAddress, SESSION_ENDED, "user no longer exists");
        }
        return new Session(session.token(), session.username(), user.get().role(), session.expiresAt(), user.get().passwordChangeRequired());
    }

    /** Ends the session a token stands for; says whether there was a live one. */
    boolean logout(Secret token, String sourceAddress) {
        if (!tokens.verifySignature(token)) {
            return false;
        }
        String hash = SessionTokens.hashOf(token);
        Optional<SessionRecord> stored = credentials.findSession(hash);
        if (stored.isEmpty() || !credentials.revokeSession(hash, clock.instant())) {
            return false;
        }
        audit.record(stored.get().username(), "logout", "", sourceAddress, "");
        return true;
    }

    static Instant earlier(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private AuthenticationException ended(Session session, String sourceAddress, String message, String why) {
        audit.record(session.username(), "session.request-refused", "", sourceAddress, why);
        return new AuthenticationException(message);
    }

    private AuthenticationException refused(String actor, String sourceAddress, String why, boolean audited) {
        if (audited) {
            audit.record(actor, "session.resume-failed", "", sourceAddress, why);
        }
        return new AuthenticationException(RESUME_FAILED);
    }
}
