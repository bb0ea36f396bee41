package io.resourcepool.testkit.store;

import io.resourcepool.api.Role;
import io.resourcepool.api.StoreException;
import io.resourcepool.api.spi.store.CredentialStore;
import io.resourcepool.api.spi.store.MfaEnrolment;
import io.resourcepool.api.spi.store.RefreshTokenRecord;
import io.resourcepool.api.spi.store.SessionRecord;
import io.resourcepool.api.spi.store.UserAccount;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/** Users, second factors, sessions and refresh tokens in maps, under one lock. */
final class InMemoryCredentialStore extends LockedFacet implements CredentialStore {
    private final Map<String, UserAccount> users = new TreeMap<>();
    private final Map<String, SessionRecord> sessions = new HashMap<>();
    private final Map<String, MfaEnrolment> mfa = new HashMap<>();
    private final InMemoryRefreshTokens refreshTokens = new InMemoryRefreshTokens();

    InMemoryCredentialStore(OpenState state) {
        super(state);
    }

    @Override
    public boolean createUser(UserAccount user) {
        Objects.requireNonNull(user, "user must be given");
        return locked(() -> users.putIfAbsent(user.username(), user) == null);
    }

    @Override
    public Optional<UserAccount> findUser(String username) {
        return locked(() -> Optional.ofNullable(users.get(username)));
    }

    @Override
    public List<UserAccount> listUsers() {
        return locked(() -> List.copyOf(users.values()));
    }

    @Override
    public boolean updatePasswordHash(String username, String passwordHash) {
        Objects.requireNonNull(passwordHash, "passwordHash must be given");
        return change(username, u -> u.withPassword(passwordHash, false)).isPresent();
    }

    @Override
    public boolean resetPasswordHash(String username, String passwordHash) {
        Objects.requireNonNull(passwordHash, "passwordHash must be given");
        return change(username, u -> u.withPassword(passwordHash, true)).isPresent();
    }

    @Override
    public boolean updateRole(String username, Role role) {
        Objects.requireNonNull(role, "role must be given");
        return change(username, u -> u.withRole(role)).isPresent();
    }

    @Override
    public boolean deleteUser(String username) {
        return locked(() -> {
            sessions.values().removeIf(s -> s.username().equals(username));
            refreshTokens.forget(username);
            mfa.remove(username);
            return users.remove(username) != null;
        });
    }

    @Override
    public Optional<UserAccount> recordFailedLogin(String username, int lockThreshold, Instant lockUntil) {
        if (lockThreshold < 1) {
            throw new IllegalArgumentException("lockThreshold must be at least 1, was " + lockThreshold);
        }
        Objects.requireNonNull(lockUntil, "lockUntil must be given");
        return change(username, u -> {
            int failures = u.failedLogins() + 1;
            boolean locks = failures >= lockThreshold;
            return u.withFailures(locks ? 0 : failures, locks ? Optional.of(lockUntil) : u.lockedUntil());
        });
    }

    @Override
    public void clearFailedLogins(String username) {
        change(username, u -> u.withFailures(0, u.lockedUntil()));
    }

    @Override
    public boolean unlock(String username) {
        return change(username, u -> u.withFailures(0, Optional.empty())).isPresent();
    }

    @Override
    public void createSession(SessionRecord session) {
        Objects.requireNonNull(session, "session must be given");
        lockedRun(() -> {
            if (!users.containsKey(session.username())) {
                throw new StoreException("cannot create a session for user '" + session.username() + "': there is no such user");
            }
            if (sessions.putIfAbsent(session.tokenHash(), session) != null) {
                throw new StoreException("a session with that token hash exists already");
            }
        });
    }

    @Override
    public Optional<SessionRecord> findSession(String tokenHash) {
        return locked(() -> Optional.ofNullable(sessions.get(tokenHash)));
    }

    @Override
    public boolean revokeSession(String tokenHash, Instant at) {
        Objects.requireNonNull(at, "at must be given");
        return locked(() -> {
            SessionRecord s = sessions.get(tokenHash);
            if (s == null || s.revokedAt().isPresent()) {
                return false;
            }
            sessions.put(tokenHash, revoked(s, at));
            return true;
        });
    }

    @Override
    public int revokeSessionsOf(String username, Instant at) {
        Objects.requireNonNull(at, "at must be given");
        return locked(() -> {
            refreshTokens.revokeAllOf(username, at);
            List<SessionRecord> live = sessions.values().stream()
                    .filter(s -> s.username().equals(username) && s.isValidAt(at))
                    .toList();
            live.forEach(s -> sessions.put(s.tokenHash(), revoked(s, at)));
            return live.size();
        });
    }

    @Override
    public int pruneSessions(Instant endedBefore, int maxRows) {
        Objects.requireNonNull(endedBefore, "endedBefore must be given");
        return locked(() -> OldEntries.removeBatch(sessions, s -> s.expiresAt().isBefore(endedBefore)
                || s.revokedAt().filter(r -> r.isBefore(endedBefore)).isPresent(), maxRows));
    }

    @Override
    public int deleteExpiredSessions(Instant now) {
        Objects.requireNonNull(now, "now must be given");
        return locked(() -> {
            int before = sessions.size();
            sessions.values().removeIf(s -> s.expiresAt().isBefore(now));
            return before - sessions.size();
        });
    }

    @Override
    public boolean enableMfa(String username, MfaEnrolment enrolment) {
        Objects.requireNonNull(enrolment, "enrolment must be given");
        return locked(() -> {
            if (!users.containsKey(username)) {
                return false;
            }
            mfa.put(username, enrolment);
            return true;
        });
    }

    @Override
    public Optional<MfaEnrolment> findMfa(String username) {
        return locked(() -> Optional.ofNullable(mfa.get(username)));
    }

    @Override
    public boolean acceptTotpStep(String username, long step) {
        if (step < 1) {
            throw new IllegalArgumentException("step must be positive, was " + step);
        }
        return locked(() -> {
            MfaEnrolment m = mfa.get(username);
            if (m == null || step <= m.lastAcceptedStep()) {
                return false;
            }
            mfa.put(username, new MfaEnrolment(m.sealedSeed(), m.recoveryCodeHashes(), step, m.enabledAt()));
            return true;
        });
    }

    @Override
    public boolean useRecoveryCode(String username, String codeHash) {
        Objects.requireNonNull(codeHash, "codeHash must be given");
        return locked(() -> {
            MfaEnrolment m = mfa.get(username);
            if (m == null || !m.recoveryCodeHashes().contains(codeHash)) {
                return false;
            }
            List<String> left = m.recoveryCodeHashes().stream().filter(h -> !h.equals(codeHash)).toList();
            mfa.put(username, new MfaEnrolment(m.sealedSeed(), left, m.lastAcceptedStep(), m.enabledAt()));
            return true;
        });
    }

    @Override
    public boolean disableMfa(String username) {
        return locked(() -> mfa.remove(username) != null);
    }

    @Override
    public void createRefreshToken(RefreshTokenRecord token) {
        Objects.requireNonNull(token, "token must be given");
        lockedRun(() -> {
            if (!users.containsKey(token.username())) {
                throw new StoreException("cannot create a refresh token for user '" + token.username() + "': there is no such user");
            }
            refreshTokens.create(token);
        });
    }

    @Override
    public Optional<RefreshTokenRecord> findRefreshToken(String tokenHash) {
        return locked(() -> refreshTokens.find(tokenHash));
    }

    @Override
    public Optional<RefreshTokenRecord> findRefreshTokenIssuedWith(String accessTokenHash) {
        return locked(() -> refreshTokens.issuedWith(accessTokenHash));
    }

    @Override
    public boolean spendRefreshToken(String tokenHash, Instant at) {
        Objects.requireNonNull(at, "at must be given");
        return locked(() -> refreshTokens.spend(tokenHash, at));
    }

    @Override
    public int endRefreshFamily(String familyId, Instant at) {
        Objects.requireNonNull(at, "at must be given");
        return locked(() -> {
            int ended = 0;
            for (String hash : refreshTokens.revoke(t -> t.familyId().equals(familyId), at)) {
                SessionRecord s = sessions.get(hash);
                if (s != null && s.isValidAt(at)) {
                    sessions.put(hash, revoked(s, at));
                    ended++;
                }
            }
            return ended;
        });
    }

    @Override
    public int revokeRefreshTokensOf(String username, Instant at) {
        Objects.requireNonNull(at, "at must be given");
        return locked(() -> refreshTokens.revokeAllOf(username, at));
    }

    @Override
    public int pruneRefreshTokens(Instant endedBefore, int maxRows) {
        Objects.requireNonNull(endedBefore, "endedBefore must be given");
        return locked(() -> refreshTokens.prune(endedBefore, maxRows));
    }

    private Optional<UserAccount> change(String username, UnaryOperator<UserAccount> edit) {
        return locked(() -> Optional.ofNullable(users.computeIfPresent(username, (name, u) -> edit.apply(u))));
    }

    private static SessionRecord revoked(SessionRecord s, Instant at) {
        return new SessionRecord(s.tokenHash(), s.username(), s.createdAt(), s.expiresAt(), Optional.of(at));
    }
}
