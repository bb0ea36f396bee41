package io.resourcepool.store.jdbc;

import io.resourcepool.api.Role;
import io.resourcepool.api.StoreException;
import io.resourcepool.api.spi.store.CredentialStore;
import io.resourcepool.api.spi.store.MfaEnrolment;
import io.resourcepool.api.spi.store.RefreshTokenRecord;
import io.resourcepool.api.spi.store.SessionRecord;
import io.resourcepool.api.spi.store.UserAccount;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Users, failed-login counting and sessions, in the {@code users} and {@code sessions} tables; second factors through
 * {@link JdbcMfa}, refresh tokens through {@link JdbcRefreshTokens}.
 */
final class JdbcCredentialStore implements CredentialStore {
    private static final String USER_COLUMNS = "username, role, password_hash, failed_logins, locked_until, created_at, password_change_required";
    private static final String SESSION_COLUMNS = "token_hash, username, created_at, expires_at, revoked_at";

    /** Sessions that expired, or were revoked, before a time. */
    private static final OldRows ENDED_SESSIONS = new OldRows("sessions", "token_hash",
            "(expires_at < ? OR revoked_at < ?)");

    private final Database db;
    private final JdbcMfa mfa;
    private final JdbcRefreshTokens refreshTokens;

    JdbcCredentialStore(Database db) {
        this.db = db;
        this.mfa = new JdbcMfa(db);
        this.refreshTokens = new JdbcRefreshTokens(db);
    }

    @Override
    public boolean createUser(UserAccount user) {
        Objects.requireNonNull(user, "user must be given");
        try {
            db.update("create user " + user.username(), "INSERT INTO users (" + USER_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)",
                    p -> p.text(user.username()).text(user.role().wireName()).text(user.passwordHash())
                            .number(user.failedLogins()).optionalTime(user.lockedUntil()).time(user.createdAt())
                            .flag(user.passwordChangeRequired()));
            return true;
        } catch (StoreException e) {
            if (e.getCause() instanceof SQLException sql && db.dialect().isDuplicateKey(sql)) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public Optional<UserAccount> findUser(String username) {
        return db.queryOne("find user " + username, "SELECT " + USER_COLUMNS + " FROM users WHERE username = ?",
                p -> p.text(username), CredentialRows::user);
    }

    @Override
    public List<UserAccount> listUsers() {
        return db.queryList("list users", "SELECT " + USER_COLUMNS + " FROM users ORDER BY username", Database.Binding.NONE,
                CredentialRows::user);
    }

    @Override
    public boolean updatePasswordHash(String username, String passwordHash) {
        Objects.requireNonNull(passwordHash, "passwordHash must be given");
        return db.update("change the password of " + username,
                "UPDATE users SET password_hash = ?, password_change_required = ? WHERE username = ?",
                p -> p.text(passwordHash).flag(false).text(username)) == 1;
    }

    @Override
    public boolean resetPasswordHash(String username, String passwordHash) {
        Objects.requireNonNull(passwordHash, "passwordHash must be given");
        return db.update("reset the password of " + username,
                "UPDATE users SET password_hash = ?, password_change_required = ? WHERE username = ?",
                p -> p.text(passwordHash).flag(true).text(username)) == 1;
    }

    @Override
    public boolean updateRole(String username, Role role) {
        Objects.requireNonNull(role, "role must be given");
        return db.update("change the role of " + username, "UPDATE users SET role = ? WHERE username = ?",
                p -> p.text(role.wireName()).text(username)) == 1;
    }

    @Override
    public boolean deleteUser(String username) {
        return db.write("delete user " + username, c -> {
            JdbcMfa.forget(c, username);
            for (String table : List.of("refresh_tokens", "sessions")) {
                try (PreparedStatement s = c.prepareStatement("DELETE FROM " + table + " WHERE username = ?")) {
                    new Params(s).text(username);
                    s.executeUpdate();
                }
            }
            try (PreparedStatement s = c.prepareStatement("DELETE FROM users WHERE username = ?")) {
                new Params(s).text(username);
                return s.executeUpdate() == 1;
            }
        });
    }

    @Override
    public Optional<UserAccount> recordFailedLogin(String username, int lockThreshold, Instant lockUntil) {
        if (lockThreshold < 1) {
            throw new IllegalArgumentException("lockThreshold must be at least 1, was " + lockThreshold);
        }
        Objects.requireNonNull(lockUntil, "lockUntil must be given");
        // One UPDATE does the counting, so concurrent failures are each counted. locked_until is set first
        // because MariaDB evaluates SET left to right with the new values.
        String count = "UPDATE users SET locked_until = CASE WHEN failed_logins + 1 >= ? THEN ? ELSE locked_until END, "
                + "failed_logins = CASE WHEN failed_logins + 1 >= ? THEN 0 ELSE failed_logins + 1 END WHERE username = ?";
        return db.write("count a failed login of " + username, c -> {
            try (PreparedStatement s = c.prepareStatement(count)) {
                new Params(s).number(lockThreshold).time(lockUntil).number(lockThreshold).text(username);
                if (s.executeUpdate() == 0) {
                    return Optional.empty();
                }
            }
            return Database.first(c.prepareStatement("SELECT " + USER_COLUMNS + " FROM users WHERE username = ?"),
                    p -> p.text(username), CredentialRows::user);
        });
    }

    @Override
    public void clearFailedLogins(String username) {
        db.update("clear the failed logins of " + username, "UPDATE users SET failed_logins = 0 WHERE username = ?", p -> p.text(username));
    }

    @Override
    public boolean unlock(String username) {
        return db.update("unlock " + username, "UPDATE users SET failed_logins = 0, locked_until = NULL WHERE username = ?",
                p -> p.text(username)) == 1;
    }

    @Override
    public void createSession(SessionRecord session) {
        Objects.requireNonNull(session, "session must be given");
        db.update("create a session for " + session.username(), "INSERT INTO sessions (" + SESSION_COLUMNS + ") VALUES (?, ?, ?, ?, ?)",
                p -> p.text(session.tokenHash()).text(session.username()).time(session.createdAt()).time(session.expiresAt())
                        .optionalTime(session.revokedAt()));
    }

    @Override
    public Optional<SessionRecord> findSession(String tokenHash) {
        return db.queryOne("find a session", "SELECT " + SESSION_COLUMNS + " FROM sessions WHERE token_hash = ?",
                p -> p.text(tokenHash), CredentialRows::session);
    }

    @Override
    public boolean revokeSession(String tokenHash, Instant at) {
        Objects.requireNonNull(at, "at must be given");
        return db.update("revoke a session", "UPDATE sessions SET revoked_at = ? WHERE token_hash = ? AND revoked_at IS NULL",
                p -> p.time(at).text(tokenHash)) == 1;
    }

    @Override
    public int revokeSessionsOf(String username, Instant at) {
        Objects.requireNonNull(at, "at must be given");
        return db.write("revoke the sessions of " + username, c -> {
            JdbcRefreshTokens.revokeAllOf(c, username, at);
            try (PreparedStatement s = c.prepareStatement(
                    "UPDATE sessions SET revoked_at = ? WHERE username = ? AND revoked_at IS NULL AND expires_at > ?")) {
                new Params(s).time(at).text(username).time(at);
                return s.executeUpdate();
            }
        });
    }

    @Override
    public int deleteExpiredSessions(Instant now) {
        Objects.requireNonNull(now, "now must be given");
        return db.update("delete expired sessions", "DELETE FROM sessions WHERE expires_at < ?", p -> p.time(now));
    }

    @Override
    public int pruneSessions(Instant endedBefore, int maxRows) {
        Objects.requireNonNull(endedBefore, "endedBefore must be given");
        return ENDED_SESSIONS.deleteBatch(db, p -> p.time(endedBefore).time(endedBefore), maxRows);
    }

    @Override
    public boolean enableMfa(String username, MfaEnrolment enrolment) {
        return mfa.enable(username, enrolment);
    }

    @Override
    public Optional<MfaEnrolment> findMfa(String username) {
        return mfa.find(username);
    }

    @Override
    public boolean acceptTotpStep(String username, long step) {
        return mfa.acceptStep(username, step);
    }

    @Override
    public boolean useRecoveryCode(String username, String codeHash) {
        return mfa.useRecoveryCode(username, codeHash);
    }

    @Override
    public boolean disableMfa(String username) {
        return mfa.disable(username);
    }

    @Override
    public void createRefreshToken(RefreshTokenRecord token) {
        refreshTokens.create(token);
    }

    @Override
    public Optional<RefreshTokenRecord> findRefreshToken(String tokenHash) {
        return refreshTokens.find(tokenHash);
    }

    @Override
    public Optional<RefreshTokenRecord> findRefreshTokenIssuedWith(String accessTokenHash) {
        return refreshTokens.issuedWith(accessTokenHash);
    }

    @Override
    public boolean spendRefreshToken(String tokenHash, Instant at) {
        return refreshTokens.spend(tokenHash, at);
    }

    @Override
    public int endRefreshFamily(String familyId, Instant at) {
        return refreshTokens.endFamily(familyId, at);
    }

    @Override
    public int revokeRefreshTokensOf(String username, Instant at) {
        return refreshTokens.revokeAllOf(username, at);
    }

    @Override
    public int pruneRefreshTokens(Instant endedBefore, int maxRows) {
        return refreshTokens.prune(endedBefore, maxRows);
    }
}
