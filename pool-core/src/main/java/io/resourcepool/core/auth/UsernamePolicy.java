package io.resourcepool.core.auth;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a user name may be: 1 to 64 characters, each a lower-case ASCII letter, a digit, {@code .}, {@code _}
 * or {@code -}. Lower case only, so that {@code Bob} and {@code bob} can never be two people.
 */
public final class UsernamePolicy {
    /** The longest user name. */
    public static final int MAX_CHARS = 64;

    private static final Pattern NAME = Pattern.compile("[a-z0-9._-]{1," + MAX_CHARS + "}");

    private UsernamePolicy() {}

    /**
     * Checks a new user name.
     *
     * @param username the name
     * @return the same name
     * @throws IllegalArgumentException saying what is allowed when it does not fit
     */
    public static String check(String username) {
        if (username == null || !NAME.matcher(username).matches()) {
            throw new IllegalArgumentException("user name '" + shown(username) + "' is not valid: use 1 to " + MAX_CHARS
                    + " characters, each a lower-case letter a-z, a digit, '.', '_' or '-'");
        }
        return username;
    }

    /**
     * The name a login refers to: what was typed, in lower case, when that is a valid name.
     *
     * @param typed the name as typed
     * @return the name to look up, or empty when no account can have it
     */
    static Optional<String> normalize(String typed) {
        if (typed.length() > MAX_CHARS) {
            return Optional.empty();
        }
        String lower = typed.toLowerCase(Locale.ROOT);
        return NAME.matcher(lower).matches() ? Optional.of(lower) : Optional.empty();
    }

    /**
     * A typed name made safe to show or audit: at most {@value #MAX_CHARS} code points, control characters
     * replaced by {@code ?}.
     *
     * @param typed the name as typed, possibly null
     * @return the printable form
     */
    static String shown(String typed) {
        if (typed == null) {
            return "";
        }
        return typed.codePoints()
                .limit(MAX_CHARS)
                .map(c -> Character.isISOControl(c) || !Character.isDefined(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString();
    }
}
