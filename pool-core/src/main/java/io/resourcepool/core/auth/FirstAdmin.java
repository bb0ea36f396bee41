package io.resourcepool.core.auth;

import io.resourcepool.api.BusyException;
import io.resourcepool.api.Role;
import io.resourcepool.api.Secret;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.Optional;

/**
 * Makes the user {@value #USERNAME} (role admin) when a hub starts with no users at all, so that someone can
 * log in and make the rest.
 *
 * <p>The password is the one the launcher passes (read from a prompt, the environment or a file: not this
 * class's business) or else one generated here, {@value #GENERATED_CHARS} characters from a URL-safe alphabet
 * (120 bits). A generated password is returned so the launcher can show it once on the terminal; it is never
 * logged or audited.
 */
public final class FirstAdmin {
    /** The first admin's name. */
    public static final String USERNAME = "admin";

    /** The length of a generated password. */
    public static final int GENERATED_CHARS = 20;

    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    private final UserAdministration users;
    private final SecureRandom random;

    /**
     * Creates the service.
     *
     * @param users where the admin is made
     * @param random the source of generated passwords
     */
    public FirstAdmin(UserAdministration users, SecureRandom random) {
        this.users = users;
        this.random = random;
    }

    /**
     * Creates the service with a new {@link SecureRandom}.
     *
     * @param users where the admin is made
     */
    public FirstAdmin(UserAdministration users) {
        this(users, new SecureRandom());
    }

    /**
     * What happened.
     *
     * @param created whether {@value #USERNAME} was made now
     * @param generatedPassword the password made for them, present only when created with a generated
     *     password: show it once, then forget it
     */
    public record Outcome(boolean created, Optional<Secret> generatedPassword) {
        /** Checks the fields. */
        public Outcome {
            Objects.requireNonNull(generatedPassword, "generatedPassword must be given (empty when none)");
            if (!created && generatedPassword.isPresent()) {
                throw new IllegalArgumentException("generatedPassword must be empty when nothing was created");
            }
        }
    }

    /**
     * On first start, makes {@value #USERNAME} with the given password; otherwise does nothing (the password is
     * then not used).
     *
     * @param password the password chosen by the operator, checked by {@link PasswordPolicy}
     * @return whether the admin was made; never with a generated password
     * @throws IllegalArgumentException when the password breaks the policy
     * @throws BusyException when the bcrypt pool is full
     */
    public Outcome createIfFirstStart(Secret password) {
        users.passwordPolicy().check(password);
        return new Outcome(create(password), Optional.empty());
    }

    /**
     * On first start, makes {@value #USERNAME} with a generated password; otherwise does nothing.
     *
     * @return whether the admin was made, and with which password
     * @throws BusyException when the bcrypt pool is full
     */
    public Outcome createIfFirstStart() {
        Secret password = generatePassword();
        boolean created = create(password);
        return new Outcome(created, created ? Optional.of(password) : Optional.empty());
    }

    private boolean create(Secret password) {
        // A second hub sharing the store may win the race: the store then says the name is taken.
        return users.listUsers().isEmpty() && users.createUser(Actor.hub(), USERNAME, Role.ADMIN, password);
    }

    private Secret generatePassword() {
        int length = Math.max(GENERATED_CHARS, users.passwordPolicy().minBytes());
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return Secret.of(text.toString());
    }
}
