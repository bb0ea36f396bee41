package io.resourcepool.core.auth;

import io.resourcepool.api.AuthenticationException;
import io.resourcepool.api.BusyException;
import io.resourcepool.api.Role;
import io.resourcepool.api.Secret;
import io.resourcepool.api.spi.store.Store;
import io.resourcepool.api.spi.store.UserAccount;
import java.time.InstantSource;
import java.util.Optional;
import java.util.Set;

/**
 * Logs people in and keeps them logged in.
 *
 * <p>Every failed login gets the same answer, {@value #LOGIN_FAILED}, whether the user is unknown, the password
 * wrong or the account locked, and costs the same single bcrypt check; only the audit log says which it was.
 * After {@link AuthConfig#lockThreshold()} failures in a row an account locks for
 * {@link AuthConfig#lockDuration()}, during which even the right password fails; a success clears the count.
 * An over-long password (more than {@value PasswordPolicy#MAX_BYTES} UTF-8 bytes) fails at login like any
 * wrong one; it is refused with a clear message only where a password is set, by {@link PasswordPolicy}.
 *
 * <p>A user with a second factor (see {@link MfaEnrolments}), and every admin when
 * {@link AuthConfig#mfaRequiredForAdmins()} is set, must also give a one-time code once the password is right;
 * a missing or wrong one counts towards the lock like a wrong password.
 *
 * <p>A login at one of {@link AuthConfig#decoyAccounts()} fails as any other, after the same single bcrypt check,
 * and is audited as {@code honeypot.account} instead of {@code login.failed}.
 *
 * <p>A login (and a password change) also starts a refresh family ({@link RefreshFamilies}): the session is short
 * ({@link AuthConfig#sessionTimeout()}), and {@link #refresh} trades the family's refresh token for a new session and
 * the next token. Logging out ends the session's whole family.
 *
 * <p>Audited: {@code login.succeeded}, {@code login.failed} (actor: the name as typed, cut to 64
 * characters), {@code login.mfa-failed}, {@code session.resume-failed}, {@code session.request-refused} (once per connection, when a
 * session it carries has ended), {@code session.refresh-failed}, {@code session.refresh-reuse} (a spent refresh token
 * used again: its family ended), {@code logout}, {@code user.password-changed}, and the failed checks of the current
 * password before a change to one's own sign-in ({@code password-change.failed}, {@code mfa-setup.failed},
 * {@code mfa-removal.failed}). Successful resumes, refreshes and checks are not audited: they happen all the time.
 */
public final class Authenticator {
    /** The one answer to every failed login. */
    public static final String LOGIN_FAILED = "login failed: wrong user name or password, or the account is locked";

    /**
     * The words in the audit row's detail of the failure that locked an account ({@code login.failed} or
     * {@code login.mfa-failed}), which the alerts look for.
     */
    public static final String LOCKED_NOW = "account now locked until ";

    /** The one answer to every refused session token. */
    public static final String RESUME_FAILED = Sessions.RESUME_FAILED;

    /** The answer to a request whose session was logged out or revoked, or whose user was removed. */
    public static final String SESSION_ENDED = Sessions.SESSION_ENDED;

    /** The answer to a request whose session expired. */
    public static final String SESSION_EXPIRED = Sessions.SESSION_EXPIRED;

    /** The one answer to every refused refresh token. */
    public static final String REFRESH_FAILED = RefreshFamilies.REFRESH_FAILED;

    /** The audit action of a spent refresh token used again, which ended its family. */
    public static final String REFRESH_REUSE = RefreshFamilies.REUSE_ACTION;

    /** The answer to a login whose password was right, of a user with a second factor, without a code. */
    public static final String CODE_REQUIRED = "a one-time code is required: give the code from your authenticator app, or a recovery code";

    /** The answer to a login whose password was right but whose one-time code was not. */
    public static final String CODE_WRONG = "the one-time code is wrong or already used";

    /** The answer to an admin without a second factor, on a hub that requires one of admins. */
    public static final String ADMIN_NEEDS_MFA = "this hub requires admins to log in with a one-time code and this account has none"
            + " set up: another admin can run `pool admin user mfa enable NAME` for it";

    /** The one answer to every failed password change. */
    public static final String CHANGE_FAILED =
            "password change failed: the current password is wrong, or the account is locked";

    /** The one answer to every failed check of the current password before a change to one's own second factor. */
    public static final String STEP_UP_FAILED =
            "the current password is wrong, or the account is locked: changing your own sign-in needs your current password";

    private final PasswordCheck passwords;
    private final SecondFactor secondFactor;
    private final Sessions sessions;
    private final RefreshFamilies families;
    private final UserAdministration users;
    private final AuditRecorder audit;
    private final Set<String> decoyAccounts;
    private final boolean mfaRequiredForAdmins;

    /**
     * Creates the authenticator. It does not own the hasher: the caller closes it.
     *
     * @param store where users, sessions and the audit log live
     * @param hasher runs bcrypt
     * @param tokens makes and checks session tokens
     * @param vault opens the seeds of second factors
     * @param config lockout, session and refresh lifetimes, and whether admins need a second factor
     * @param clock the time
     */
    public Authenticator(Store store, PasswordHasher hasher, SessionTokens tokens, SeedVault vault, AuthConfig config,
            InstantSource clock) {
        this.audit = new AuditRecorder(store.audit(), clock);
        this.decoyAccounts = config.decoyAccounts();
        this.mfaRequiredForAdmins = config.mfaRequiredForAdmins();
        this.passwords = new PasswordCheck(store.credentials(), hasher, config, clock);
        this.secondFactor = new SecondFactor(store.credentials(), vault, config.mfaRequiredForAdmins(), clock);
        this.sessions = new Sessions(store.credentials(), tokens, audit, config.sessionTimeout(), clock);
        this.families = new RefreshFamilies(store.credentials(), tokens, sessions, audit, config, clock);
        this.users = new UserAdministration(store, hasher, config.passwordPolicy(), clock);
    }

    /**
     * Checks a name and password, without a one-time code, and opens a session with a new refresh family.
     *
     * @param username the name as typed (upper case is folded to lower)
     * @param password the password as typed
     * @param sourceAddress where the request came from, empty when not from the network
     * @return the new session
     * @throws AuthenticationException as {@link #login(String, Secret, Secret, String)}
     * @throws BusyException when the bcrypt pool is full; nothing is counted or audited then
     */
    public Session login(String username, Secret password, String sourceAddress) {
        return login(username, password, Secret.of(""), sourceAddress);
    }

    /**
     * Checks a name, a password and, for a user with a second factor, a one-time code, and opens a session. A
     * missing or wrong code counts towards the lock like a wrong password, and is audited as
     * {@code login.mfa-failed}; it is checked only once the password is right, so its answers say no more than
     * that the password was right.
     *
     * @param username the name as typed (upper case is folded to lower)
     * @param password the password as typed
     * @param code a TOTP code or a recovery code; empty when none was given
     * @param sourceAddress where the request came from, empty when not from the network
     * @return the new session
     * @throws AuthenticationException with {@value #LOGIN_FAILED} when the name or password is wrong or the
     *     account locked; {@value #CODE_REQUIRED}, {@value #CODE_WRONG} or {@value #ADMIN_NEEDS_MFA} when the
     *     second factor fails
     * @throws BusyException when the bcrypt pool is full; nothing is counted or audited then
     */
    public Session login(String username, Secret password, Secret code, String sourceAddress) {
        if (UsernamePolicy.normalize(username).filter(decoyAccounts::contains).isPresent()) {
            passwords.decoy(password);
            audit.record(username, "honeypot.account", username, sourceAddress, "login at a decoy account");
            throw new AuthenticationException(LOGIN_FAILED);
        }
        PasswordCheck.Outcome outcome = passwords.check(username, password);
        if (outcome.account().isEmpty()) {
            audit.record(username, "login.failed", "", sourceAddress, outcome.failure());
            throw new AuthenticationException(LOGIN_FAILED);
        }
        UserAccount user = outcome.account().get();
        SecondFactor.Verdict verdict = secondFactor.check(user, code);
        if (!verdict.passed()) {
            String detail = passwords.countFailure(user, verdict.detail());
            audit.record(user.username(), "login.mfa-failed", "", sourceAddress, detail);
            throw verdict.refusal();
        }
        passwords.succeeded(user);
        Session session = families.start(user);
        String factor = verdict.detail().isEmpty() ? "" : verdict.detail() + "; ";
        audit.record(session.username(), "login.succeeded", "", sourceAddress, factor + "session until " + session.expiresAt());
        return session;
    }

    /**
     * Finds the live session a token stands for. Costs no bcrypt: a forged or garbled token is turned away by
     * its signature before the store is asked.
     *
     * @param token the session token
     * @param sourceAddress where the request came from
     * @return the session, with the user's current role
     * @throws AuthenticationException with {@value #RESUME_FAILED} when the token is forged, unknown,
     *     revoked or expired, or its user is gone
     */
    public Session resume(Secret token, String sourceAddress) {
        return sessions.resume(token, sourceAddress);
    }

    /**
     * Finds the live session a token stands for without auditing a refusal: for a source over its limit of failures,
     * whose honest sessions go on being served while its refusal is audited once a window.
     *
     * @param token the session token
     * @return the session, with the user's current role; empty when the token stands for none
     */
    public Optional<Session> findQuietly(Secret token) {
        return sessions.find(token);
    }

    /**
     * Checks that a session opened earlier on a connection still holds in the store, before serving one of its
     * requests: a logout elsewhere, an admin's revocation, a password change or the user's removal ends it at
     * once on every connection. One store read (and one for the user), no signature check, no bcrypt.
     *
     * @param session the session the connection carries
     * @param sourceAddress where the request came from
     * @return the session with the user's role as it stands now
     * @throws AuthenticationException with {@value #SESSION_EXPIRED} or {@value #SESSION_ENDED}
     */
    public Session recheck(Session session, String sourceAddress) {
        return sessions.recheck(session, sourceAddress);
    }

    /**
     * Trades a refresh token for a new session and the next refresh token of its family; the token given is spent.
     * Costs no bcrypt. A spent token given again ends its whole family, every session of it included, and is
     * audited as {@value #REFRESH_REUSE}.
     *
     * @param refreshToken the family's latest refresh token
     * @param sourceAddress where the request came from
     * @return the new session, carrying the next refresh token
     * @throws AuthenticationException with {@value #REFRESH_FAILED} when the token is forged, unknown, expired,
     *     revoked or spent, or its user is gone
     */
    public Session refresh(Secret refreshToken, String sourceAddress) {
        return families.refresh(refreshToken, sourceAddress);
    }

    /**
     * Ends a session and its refresh family: every other session of the family and its refresh token too. Ending
     * an unknown or already ended session does nothing.
     *
     * @param token the session token
     * @param sourceAddress where the request came from
     * @return true when a live session was ended
     */
    public boolean logout(Secret token, String sourceAddress) {
        boolean ended = sessions.logout(token, sourceAddress);
        families.endFamilyOf(token);
        return ended;
    }

    /**
     * Changes a user's own password after checking the current one, ends all their sessions, and opens a new
     * one, with a new refresh family, for the caller: their other sessions must log in again with the new password. A wrong current
     * password counts towards the lock, as at login.
     *
     * @param session the caller's session
     * @param currentPassword their current password
     * @param newPassword the new one, checked by {@link PasswordPolicy}
     * @param sourceAddress where the request came from
     * @return the caller's new session
     * @throws IllegalArgumentException when the new password breaks the policy (before any bcrypt work)
     * @throws AuthenticationException when the session is no longer valid, or with {@value #CHANGE_FAILED}
     */
    public Session changeOwnPassword(Session session, Secret currentPassword, Secret newPassword, String sourceAddress) {
        users.passwordPolicy().check(newPassword);
        UserAccount user = confirmCurrentPassword(session, currentPassword, "password-change.failed", CHANGE_FAILED, sourceAddress);
        users.changePassword(new Actor(user.username(), sourceAddress), user.username(), newPassword);
        return families.start(user.withPassword(user.passwordHash(), false)); // a password the user chose ends a reset
    }

    /**
     * Checks the current password of a session's user before they change their own sign-in (step-up): a stolen
     * session alone cannot set up, replace or remove its victim's second factor. A wrong password counts towards the
     * lock, as at login, and is audited under {@code failedAction}; a right one clears the failure count.
     *
     * @param session the caller's session
     * @param currentPassword the password they typed
     * @param failedAction the audit action of a failure, such as {@code mfa-setup.failed}
     * @param sourceAddress where the request came from
     * @return the session as it stands in the store
     * @throws AuthenticationException when the session is no longer valid, or with {@value #STEP_UP_FAILED}
     */
    public Session stepUp(Session session, Secret currentPassword, String failedAction, String sourceAddress) {
        confirmCurrentPassword(session, currentPassword, failedAction, STEP_UP_FAILED, sourceAddress);
        return sessions.recheck(session, sourceAddress);
    }

    /**
     * Says whether users of a role must keep a second factor on this hub ({@link AuthConfig#mfaRequiredForAdmins()}).
     *
     * @param role the role
     * @return true when they cannot log in without one
     */
    public boolean requiresSecondFactor(Role role) {
        return mfaRequiredForAdmins && role == Role.ADMIN;
    }

    private UserAccount confirmCurrentPassword(Session session, Secret currentPassword, String failedAction, String answer,
            String sourceAddress) {
        Session live = sessions.resume(session.token(), sourceAddress);
        PasswordCheck.Outcome outcome = passwords.check(live.username(), currentPassword);
        if (outcome.account().isEmpty()) {
            audit.record(live.username(), failedAction, live.username(), sourceAddress, outcome.failure());
            throw new AuthenticationException(answer);
        }
        UserAccount user = outcome.account().get();
        passwords.succeeded(user);
        return user;
    }
}
