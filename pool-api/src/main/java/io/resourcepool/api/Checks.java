package io.resourcepool.api;

import java.time.Duration;
import java.util.Objects;

/** Argument checks shared by the records of this API; each message names the field at fault. */
final class Checks {
    private Checks() {}

    static <T> T present(T value, String field) {
        return Objects.requireNonNull(value, () -> field + " must be given");
    }

    static String text(String value, String field, int maxChars) {
        present(value, field);
        if (value.length() > maxChars) {
            throw new IllegalArgumentException(field + " is " + value.length() + " characters; at most " + maxChars + " are allowed");
        }
        return value;
    }

    static String nonBlank(String value, String field, int maxChars) {
        text(value, field, maxChars);
        if (value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank");
        }
        return value;
    }

    static Duration nonNegative(Duration value, String field) {
        present(value, field);
        if (value.isNegative()) {
            throw new IllegalArgumentException(field + " must not be negative, was " + value);
        }
        return value;
    }

    static long nonNegative(long value, String field) {
        if (value < 0) {
            throw new IllegalArgumentException(field + " must not be negative, was " + value);
        }
        return value;
    }

    static int nonNegative(int value, String field) {
        if (value < 0) {
            throw new IllegalArgumentException(field + " must not be negative, was " + value);
        }
        return value;
    }
}
