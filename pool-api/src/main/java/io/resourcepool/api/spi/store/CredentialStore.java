package io.resourcepool.api.spi.store;

import io.resourcepool.api.Role;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Users, failed-login counting and locks, second factors, and sessions. Each method is one atomic step.
 *
 * <p>Implementers keep a user's second factor with the user: removing the user removes it. They never look
 * inside {@link MfaEnrolment#sealedSeed()}: the hub seals it before it reaches the store.
 */
public interface CredentialStore {

    /**
     * Adds a user.
     *
     * @param user the account
     * @return false when a user of that name already exists (nothing is changed)
     */
    boolean createUser(UserAccount user);

    /**
     * Finds a user.
     *
     * @param username the login name
     * @return the account, if it exists
     */
    Optional<UserAccount> findUser(String username);

    /**
     * All users, ordered by name.
     *
     * @return the accounts
     */
    List<UserAccount> listUsers();

    /**
     * Replaces a user's password hash with one they chose, which ends a required change.
     *
     * @param username the login name
     * @param passwordHash the new bcrypt hash
     * @return false when there is no such user
     */
    boolean updatePasswordHash(String username, String passwordHash);

    /**
     * Replaces a user's password hash with one an admin set, and requires the user to choose another before doing
     * anything else ({@link UserAccount#passwordChangeRequired()}).
     *
     * @param username the login name
     * @param passwordHash the bcrypt hash of the password the admin set
     * @return false when there is no such user
     */
    boolean resetPasswordHash(String username, String passwordHash);

    /**
     * Changes a user's role.
     *
     * @param username the login name
     * @param role the new role
     * @return false when there is no such user
     */
    boolean updateRole(String username, Role role);

    /**
     * Removes a user, their sessions and their refresh tokens.
     *
     * @param username the login name
     * @return false when there is no such user
     */
    boolean deleteUser(String username);

    /**
     * Counts one failed login, atomically. When the count reaches {@code lockThreshold} the account is locked
     * until {@code lockUntil} and the count starts again from zero.
     *
     * @param username the login name
     * @param lockThreshold failures that lock the account
     * @param lockUntil when a lock set by this call ends
     * @return the account after the change, empty when there is no such user
     */
    Optional<UserAccount> recordFailedLogin(String username, int lockThreshold, Instant lockUntil);

    /**
     * Clears the failure count after a successful login.
     *
     * @param username the login name
     */
    void clearFailedLogins(String username);

    /**
     * Lifts a lock and clears the failure count.
     *
     * @param username the login name
     * @return false when there is no such user
     */
    boolean unlock(String username);

    /**
     * Stores a new session.
     *
     * @param session the session
     */
    void createSession(SessionRecord session);

    /**
     * Finds a session by its token hash, live or not.
     *
     * @param tokenHash hex SHA-256 of the token
     * @return the session, if known
     */
    Optional<SessionRecord> findSession(String tokenHash);

    /**
     * Ends one session.
     *
     * @param tokenHash hex SHA-256 of the token
     * @param at when
     * @return false when it was unknown or already revoked
     */
    boolean revokeSession(String tokenHash, Instant at);

    /**
     * Ends all of a user's live sessions, and revokes every refresh token of theirs not yet revoked, so that no
     * family of theirs can make a new session.
     *
     * @param username the login name
     * @param at when
     * @return how many sessions were ended (refresh tokens are not counted)
     */
    int revokeSessionsOf(String username, Instant at);

    /**
     * Forgets sessions that expired before {@code now}.
     *
     * @param now the cut-off
     * @return how many were removed
     */
    int deleteExpiredSessions(Instant now);

    /**
     * Sets up a user's second factor, replacing any they had (with its recovery codes and its last accepted
     * step).
     *
     * @param username the login name
     * @param enrolment the sealed seed and the recovery code hashes
     * @return false when there is no such user (nothing is changed)
     */
    boolean enableMfa(String username, MfaEnrolment enrolment);

    /**
     * Finds a user's second factor.
     *
     * @param username the login name
     * @return the enrolment with the recovery codes still unused, empty when the user has none (or does not exist)
     */
    Optional<MfaEnrolment> findMfa(String username);

    /**
     * Accepts a TOTP code's time step, atomically: only when it is later than the last step accepted, so that
     * of two logins racing with the same code, one wins.
     *
     * @param username the login name
     * @param step the code's time step, positive
     * @return true when accepted and recorded; false when the step is not later, or the user has no second factor
     */
    boolean acceptTotpStep(String username, long step);

    /**
     * Spends a recovery code, atomically: each works once.
     *
     * @param username the login name
     * @param codeHash the hex hash of the code offered
     * @return true when it was unused and is now spent; false otherwise
     */
    boolean useRecoveryCode(String username, String codeHash);

    /**
     * Removes a user's second factor and their recovery codes.
     *
     * @param username the login name
     * @return false when the user had none
     */
    boolean disableMfa(String username);

    /**
     * Deletes up to {@code maxRows} sessions that ended (expired or revoked) before the given time, in one short
     * transaction. A session still valid, or that ended at or after the time, is kept.
     *
     * @param endedBefore sessions that ended at or after this are kept
     * @param maxRows the most sessions to delete in this call, at least 1
     * @return how many were deleted
     */
    int pruneSessions(Instant endedBefore, int maxRows);

    /**
     * Stores a new refresh token.
     *
     * @param token the token
     * @throws io.resourcepool.api.StoreException when its user does not exist or its hash is already known
     */
    void createRefreshToken(RefreshTokenRecord token);

    /**
     * Finds a refresh token by its hash, whatever its state.
     *
     * @param tokenHash hex SHA-256 of the token
     * @return the token, if known
     */
    Optional<RefreshTokenRecord> findRefreshToken(String tokenHash);

    /**
     * Finds the refresh token that was issued together with a session, to find the session's family.
     *
     * @param accessTokenHash the session's {@link SessionRecord#tokenHash()}
     * @return the token, empty when the session has no family
     */
    Optional<RefreshTokenRecord> findRefreshTokenIssuedWith(String accessTokenHash);

    /**
     * Spends a refresh token, atomically: of two callers racing with the same token, one wins.
     *
     * @param tokenHash hex SHA-256 of the token
     * @param at when
     * @return true when it was neither spent nor revoked and is now spent; false otherwise (nothing is changed)
     */
    boolean spendRefreshToken(String tokenHash, Instant at);

    /**
     * Ends a refresh family in one transaction: revokes each of its tokens not yet revoked, and ends each live
     * session issued with one of them.
     *
     * @param familyId the family's id
     * @param at when
     * @return how many sessions were ended
     */
    int endRefreshFamily(String familyId, Instant at);

    /**
     * Revokes every refresh token of a user not yet revoked, leaving their sessions as they are: none of their
     * families can make a new session.
     *
     * @param username the login name
     * @param at when
     * @return how many tokens were revoked
     */
    int revokeRefreshTokensOf(String username, Instant at);

    /**
     * Deletes up to {@code maxRows} refresh tokens whose family ended (its absolute lifetime passed, or it was
     * revoked) before the given time, in one short transaction. Spent tokens of a family still going are kept: a
     * replay of one must still be recognised as reuse.
     *
     * @param endedBefore tokens whose family ended at or after this are kept
     * @param maxRows the most tokens to delete in this call, at least 1
     * @return how many were deleted
     */
    int pruneRefreshTokens(Instant endedBefore, int maxRows);
}
