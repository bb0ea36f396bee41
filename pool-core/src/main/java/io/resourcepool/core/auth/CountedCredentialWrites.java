package io.resourcepool.core.auth;

import io.resourcepool.api.Role;
import io.resourcepool.api.spi.store.CredentialStore;
import io.resourcepool.api.spi.store.MfaEnrolment;
import io.resourcepool.api.spi.store.RefreshTokenRecord;
import io.resourcepool.api.spi.store.SessionRecord;
import io.resourcepool.api.spi.store.UserAccount;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * A credential store that counts the writes made through it: every call that may change a row (a user, a session, a
 * refresh token, a second factor), counted once it has returned or failed. A reader who notes {@link #generation()}
 * before reading rows and finds it unchanged later knows that no write made through this store since could have
 * changed them; the session cache of {@link Sessions} relies on it, so every writer of the hub's credentials must
 * write through the same instance ({@link AuthServices} hands it to all of its parts). Over a store shared with other
 * hubs, the generation also grows with every change they make ({@link CredentialEpochWatch}), and is
 * {@link #NOT_CURRENT} while their changes cannot be heard.
 */
final class CountedCredentialWrites implements CredentialStore {
    /** What {@link #generation()} says while rows read now may not be kept. */
    static final long NOT_CURRENT = CredentialEpochWatch.NOT_HEARING;

    private final CredentialStore store;
    private final AtomicLong writes = new AtomicLong();
    private final CredentialEpochWatch otherHubs;

    /**
     * Counts the writes made through this store only: no other hub writes the credentials.
     *
     * @param store the store
     */
    CountedCredentialWrites(CredentialStore store) {
        this.store = store;
        this.otherHubs = null;
    }

    /**
     * Counts the writes made through this store and the changes other hubs made, as the watch hears them.
     *
     * @param store the store
     * @param otherHubs the watch on the other hubs' writes
     */
    CountedCredentialWrites(CredentialStore store, CredentialEpochWatch otherHubs) {
        this.store = store;
        this.otherHubs = otherHubs;
    }

    /**
     * How many writes have ended so far, this hub's and (over a shared store) the other hubs' as heard: both counts
     * only grow, so their sum stays the same only while neither grows.
     *
     * @return the count, or {@link #NOT_CURRENT} while other hubs' writes cannot be heard
     */
    long generation() {
        long own = writes.get();
        if (otherHubs == null) {
            return own;
        }
        long heard = otherHubs.changesHeard();
        return heard == CredentialEpochWatch.NOT_HEARING ? NOT_CURRENT : own + heard;
    }

    private <T> T written(Supplier<T> write) {
        try {
            return write.get();
        } finally {
            writes.incrementAndGet();
        }
    }

    @Override
    public boolean createUser(UserAccount user) {
        return written(() -> store.createUser(user));
    }

    @Override
    public Optional<UserAccount> findUser(String username) {
        return store.findUser(username);
    }

    @Override
    public List<UserAccount> listUsers() {
        return store.listUsers();
    }

    @Override
    public boolean updatePasswordHash(String username, String passwordHash) {
        return written(() -> store.updatePasswordHash(username, passwordHash));
    }

    @Override
    public boolean resetPasswordHash(String username, String passwordHash) {
        return written(() -> store.resetPasswordHash(username, passwordHash));
    }

    @Override
    public boolean updateRole(String username, Role role) {
        return written(() -> store.updateRole(username, role));
    }

    @Override
    public boolean deleteUser(String username) {
        return written(() -> store.deleteUser(username));
    }

    @Override
    public Optional<UserAccount> recordFailedLogin(String username, int lockThreshold, Instant lockUntil) {
        return written(() -> store.recordFailedLogin(username, lockThreshold, lockUntil));
    }

    @Override
    public void clearFailedLogins(String username) {
        written(() -> {
            store.clearFailedLogins(username);
            return null;
        });
    }

    @Override
    public boolean unlock(String username) {
        return written(() -> store.unlock(username));
    }

    @Override
    public void createSession(SessionRecord session) {
        written(() -> {
            store.createSession(session);
            return null;
        });
    }

    @Override
    public Optional<SessionRecord> findSession(String tokenHash) {
        return store.findSession(tokenHash);
    }

    @Override
    public boolean revokeSession(String tokenHash, Instant at) {
        return written(() -> store.revokeSession(tokenHash, at));
    }

    @Override
    public int revokeSessionsOf(String username, Instant at) {
        return written(() -> store.revokeSessionsOf(username, at));
    }

    @Override
    public int deleteExpiredSessions(Instant now) {
        return written(() -> store.deleteExpiredSessions(now));
    }

    @Override
    public boolean enableMfa(String username, MfaEnrolment enrolment) {
        return written(() -> store.enableMfa(username, enrolment));
    }

    @Override
    public Optional<MfaEnrolment> findMfa(String username) {
        return store.findMfa(username);
    }

    @Override
    public boolean acceptTotpStep(String username, long step) {
        return written(() -> store.acceptTotpStep(username, step));
    }

    @Override
    public boolean useRecoveryCode(String username, String codeHash) {
        return written(() -> store.useRecoveryCode(username, codeHash));
    }

    @Override
    public boolean disableMfa(String username) {
        return written(() -> store.disableMfa(username));
    }

    @Override
    public int pruneSessions(Instant endedBefore, int maxRows) {
        return written(() -> store.pruneSessions(endedBefore, maxRows));
    }

    @Override
    public void createRefreshToken(RefreshTokenRecord token) {
        written(() -> {
            store.createRefreshToken(token);
            return null;
        });
    }

    @Override
    public Optional<RefreshTokenRecord> findRefreshToken(String tokenHash) {
        return store.findRefreshToken(tokenHash);
    }

    @Override
    public Optional<RefreshTokenRecord> findRefreshTokenIssuedWith(String accessTokenHash) {
        return store.findRefreshTokenIssuedWith(accessTokenHash);
    }

    @Override
    public boolean spendRefreshToken(String tokenHash, Instant at) {
        return written(() -> store.spendRefreshToken(tokenHash, at));
    }

    @Override
    public int endRefreshFamily(String familyId, Instant at) {
        return written(() -> store.endRefreshFamily(familyId, at));
    }

    @Override
    public int revokeRefreshTokensOf(String username, Instant at) {
        return written(() -> store.revokeRefreshTokensOf(username, at));
    }

    @Override
    public int pruneRefreshTokens(Instant endedBefore, int maxRows) {
        return written(() -> store.pruneRefreshTokens(endedBefore, maxRows));
    }
}
