package io.resourcepool.core.auth;

import io.resourcepool.api.BusyException;
import io.resourcepool.api.NotFoundException;
import io.resourcepool.api.Role;
import io.resourcepool.api.Secret;
import io.resourcepool.api.spi.store.CredentialStore;
import io.resourcepool.api.spi.store.Store;
import io.resourcepool.api.spi.store.UserAccount;
import java.time.InstantSource;
import java.util.List;
import java.util.Objects;

/**
 * Creates and removes accounts, changes roles and passwords, and lifts locks. The caller decides who may do this
 * (an admin); this class checks the values, does it, and writes it to the audit log ({@code user.created},
 * {@code user.removed}, {@code user.role-changed}, {@code user.password-changed}, {@code user.password-reset}, {@code user.unlocked},
 * {@code user.sessions-revoked}) without any password. The pool always keeps an admin: nobody removes their own
 * account, and the last admin can be neither removed nor given another role.
 */
public final class UserAdministration {
    private final CredentialStore credentials;
    private final PasswordHasher hasher;
    private final AuditRecorder audit;
    private final InstantSource clock;
    private final PasswordPolicy policy;

    /**
     * Creates the service with the default password policy. It does not own the hasher.
     *
     * @param store where users and the audit log live
     * @param hasher runs bcrypt
     * @param clock the time
     */
    public UserAdministration(Store store, PasswordHasher hasher, InstantSource clock) {
        this(store, hasher, PasswordPolicy.defaults(), clock);
    }

    /**
     * Creates the service. It does not own the hasher.
     *
     * @param store where users and the audit log live
     * @param hasher runs bcrypt
     * @param policy what a new password must be
     * @param clock the time
     */
    public UserAdministration(Store store, PasswordHasher hasher, PasswordPolicy policy, InstantSource clock) {
        this.credentials = store.credentials();
        this.hasher = hasher;
        this.audit = new AuditRecorder(store.audit(), clock);
        this.clock = clock;
        this.policy = Objects.requireNonNull(policy, "policy must be given");
    }

    /**
     * The rules every password set here must pass.
     *
     * @return the policy
     */
    public PasswordPolicy passwordPolicy() {
        return policy;
    }

    /**
     * Adds a user.
     *
     * @param actor who asks
     * @param username the new login name, checked by {@link UsernamePolicy}
     * @param role what they may do
     * @param password their password, checked by {@link PasswordPolicy}
     * @return true when created; false when a user of that name already exists (nothing changed)
     * @throws IllegalArgumentException when the name or the password breaks its policy; the message says how
     * @throws BusyException when the bcrypt pool is full
     */
    public boolean createUser(Actor actor, String username, Role role, Secret password) {
        UsernamePolicy.check(username);
        Objects.requireNonNull(role, "role must be given");
        policy.check(password);
        if (credentials.findUser(username).isPresent()) {
            return false; // spares the bcrypt work; the store's answer below is the one that counts
        }
        UserAccount account = UserAccount.create(username, role, hasher.hash(password), clock.instant());
        if (!credentials.createUser(account)) {
            return false;
        }
        audit.record(actor, "user.created", username, "role " + role.wireName());
        return true;
    }

    /**
     * Removes a user. Their sessions end with the account, so each of their connections is refused at its next
     * request; their jobs keep their history (a job names its owner, it does not point at the account).
     *
     * @param actor who asks
     * @param username whose account
     * @throws NotFoundException when there is no such user
     * @throws IllegalArgumentException when the actor names themselves, or the last admin
     */
    public void removeUser(Actor actor, String username) {
        UserAccount user = credentials.findUser(username).orElseThrow(() -> noSuchUser(username));
        if (user.username().equals(actor.name())) {
            throw new IllegalArgumentException("you cannot remove your own account; another admin can");
        }
        keepAnAdmin(user, "removed");
        if (!credentials.deleteUser(username)) {
            throw noSuchUser(username);
        }
        audit.record(actor, "user.removed", username, "was " + user.role().wireName() + "; their sessions ended, their jobs keep their history");
    }

    /**
     * Gives a user another role. It holds from their next request on, on every connection: each request reads
     * the role as it stands. Their refresh tokens are revoked: when their sessions expire they log in again, and the
     * new grant is made for the role they have then.
     *
     * @param actor who asks
     * @param username whose account
     * @param role the new role
     * @return false when the user had that role already (nothing changed, nothing audited)
     * @throws NotFoundException when there is no such user
     * @throws IllegalArgumentException when the last admin would lose the role
     */
    public boolean changeRole(Actor actor, String username, Role role) {
        Objects.requireNonNull(role, "role must be given");
        UserAccount user = credentials.findUser(username).orElseThrow(() -> noSuchUser(username));
        if (user.role() == role) {
            return false;
        }
        keepAnAdmin(user, "made " + role.wireName());
        if (!credentials.updateRole(username, role)) {
            throw noSuchUser(username);
        }
        credentials.revokeRefreshTokensOf(username, clock.instant());
        audit.record(actor, "user.role-changed", username, user.role().wireName() + " -> " + role.wireName());
        return true;
    }

    /**
     * All users, by name, without their password hashes.
     *
     * @return the users
     */
    public List<UserSummary> listUsers() {
        return credentials.listUsers().stream().map(UserSummary::of).toList();
    }

    /**
     * Sets a user's password and ends all their sessions, so that whoever knew the old one is logged out.
     *
     * @param actor who asks
     * @param username whose password
     * @param newPassword the new password, checked by {@link PasswordPolicy}
     * @return how many sessions were ended
     * @throws IllegalArgumentException when the password breaks the policy
     * @throws NotFoundException when there is no such user
     * @throws BusyException when the bcrypt pool is full
     */
    public int changePassword(Actor actor, String username, Secret newPassword) {
        policy.check(newPassword);
        requireUser(username);
        if (!credentials.updatePasswordHash(username, hasher.hash(newPassword))) {
            throw noSuchUser(username);
        }
        int ended = credentials.revokeSessionsOf(username, clock.instant());
        audit.record(actor, "user.password-changed", username, ended + " session(s) ended");
        return ended;
    }

    /**
     * Sets a password for a user who lost theirs, ends all their sessions, and requires them to choose a new one
     * at their next login before doing anything else: the admin who set it does not keep knowing it.
     *
     * @param actor who asks
     * @param username whose password
     * @param temporary the password to give the user, checked by {@link PasswordPolicy}
     * @return how many sessions were ended
     * @throws IllegalArgumentException when the password breaks the policy
     * @throws NotFoundException when there is no such user
     * @throws BusyException when the bcrypt pool is full
     */
    public int resetPassword(Actor actor, String username, Secret temporary) {
        policy.check(temporary);
        requireUser(username);
        if (!credentials.resetPasswordHash(username, hasher.hash(temporary))) {
            throw noSuchUser(username);
        }
        int ended = credentials.revokeSessionsOf(username, clock.instant());
        audit.record(actor, "user.password-reset", username, ended + " session(s) ended; a new password is required at the next login");
        return ended;
    }

    /**
     * Lifts a lock and clears the failure count.
     *
     * @param actor who asks
     * @param username whose account
     * @throws NotFoundException when there is no such user
     */
    public void unlock(Actor actor, String username) {
        if (!credentials.unlock(username)) {
            throw noSuchUser(username);
        }
        audit.record(actor, "user.unlocked", username, "");
    }

    /**
     * Ends every session of a user, on every connection: each one's next request is refused.
     *
     * @param actor who asks
     * @param username whose sessions
     * @return how many live sessions were ended
     * @throws NotFoundException when there is no such user
     */
    public int revokeSessions(Actor actor, String username) {
        requireUser(username);
        int ended = credentials.revokeSessionsOf(username, clock.instant());
        audit.record(actor, "user.sessions-revoked", username, ended + " session(s) ended");
        return ended;
    }

    private void keepAnAdmin(UserAccount user, String change) {
        boolean lastAdmin = user.role() == Role.ADMIN
                && credentials.listUsers().stream().filter(u -> u.role() == Role.ADMIN).count() <= 1;
        if (lastAdmin) {
            throw new IllegalArgumentException("'" + user.username() + "' is the last admin and cannot be " + change
                    + "; make another admin first");
        }
    }

    private void requireUser(String username) {
        if (credentials.findUser(username).isEmpty()) {
            throw noSuchUser(username);
        }
    }

    private static NotFoundException noSuchUser(String username) {
        return new NotFoundException("there is no user named '" + UsernamePolicy.shown(username)
                + "'; check the name");
    }
}
