package io.resourcepool.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Map;

/**
 * A password, token or key that must never be logged: {@link #toString()} shows no part of it, and the
 * value is reached only through {@link #reveal()}, so every use is visible in the code.
 */
public final class Secret {
    private final String value;

    private Secret(String value) {
        this.value = value;
    }

    /**
     * Wraps a value.
     *
     * @param value the secret text
     * @return the secret
     */
    public static Secret of(String value) {
        return new Secret(Checks.present(value, "secret"));
    }

    /**
     * Reads a secret from an environment variable: the one way a setting or option that names a variable
     * ({@code store.password-env}, {@code --password-env}) reads it.
     *
     * @param variable the variable's name
     * @param environment the environment (usually {@link System#getenv()})
     * @param origin the setting or option that named the variable, for the message
     * @return the secret
     * @throws ConfigurationException naming the origin and the variable when it is unset or empty
     */
    public static Secret fromEnvironment(String variable, Map<String, String> environment, String origin) {
        String value = environment.get(variable);
        if (value == null || value.isEmpty()) {
            throw new ConfigurationException(origin + " names environment variable " + variable + ", which is not set");
        }
        return new Secret(value);
    }

    /**
     * Reads a secret from a file, dropping one trailing line break.
     *
     * @param file the file holding the secret
     * @return the secret
     * @throws ConfigurationException when the file cannot be read or is empty
     */
    public static Secret fromFile(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8).stripTrailing();
            if (text.isEmpty()) {
                throw new ConfigurationException("secret file " + file + " is empty");
            }
            return new Secret(text);
        } catch (IOException e) {
            throw new ConfigurationException("cannot read secret file " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The secret value. Call it only where the value is really used.
     *
     * @return the value
     */
    public String reveal() {
        return value;
    }

    /**
     * Compares with another secret in time that does not depend on where they differ.
     *
     * @param other the other secret
     * @return true when both hold the same value
     */
    public boolean matches(Secret other) {
        return MessageDigest.isEqual(value.getBytes(StandardCharsets.UTF_8), other.value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "Secret[hidden]";
    }
}
