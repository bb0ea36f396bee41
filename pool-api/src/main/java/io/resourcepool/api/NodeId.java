package io.resourcepool.api;

import java.util.regex.Pattern;

/**
 * The name of a worker node in the pool, chosen by the hub at enrolment: lower-case letters, digits and
 * hyphens, 1 to 63 characters, starting with a letter or digit (a DNS label).
 *
 * @param value the name
 */
public record NodeId(String value) implements Comparable<NodeId> {
    private static final Pattern LABEL = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    /** Checks the name. */
    public NodeId {
        Checks.present(value, "node name");
        if (!LABEL.matcher(value).matches()) {
            throw new IllegalArgumentException("node name '" + value.substring(0, Math.min(value.length(), 70))
                    + "' is not valid: use 1 to 63 lower-case letters, digits or hyphens, starting with a letter or digit");
        }
    }

    /**
     * Makes a node name.
     *
     * @param value the name
     * @return the node id
     */
    public static NodeId of(String value) {
        return new NodeId(value);
    }

    @Override
    public int compareTo(NodeId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
