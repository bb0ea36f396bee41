package io.resourcepool.api;

import java.util.regex.Pattern;

/**
 * The name of a hub among several sharing one database: lower-case letters, digits and hyphens, 1 to 63
 * characters, starting with a letter or digit (a DNS label, like {@link NodeId}), so that it can name a
 * notification and appear in logs as it is.
 *
 * @param value the name
 */
public record HubId(String value) implements Comparable<HubId> {
    private static final Pattern LABEL = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    /** Checks the name. */
    public HubId {
        Checks.present(value, "hub name");
        if (!LABEL.matcher(value).matches()) {
            throw new IllegalArgumentException("hub name '" + value.substring(0, Math.min(value.length(), 70))
                    + "' is not valid: use 1 to 63 lower-case letters, digits or hyphens, starting with a letter or digit");
        }
    }

    /**
     * Makes a hub name.
     *
     * @param value the name
     * @return the hub id
     */
    public static HubId of(String value) {
        return new HubId(value);
    }

    @Override
    public int compareTo(HubId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
