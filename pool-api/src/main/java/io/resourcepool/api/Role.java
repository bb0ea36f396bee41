package io.resourcepool.api;

import java.util.Arrays;
import java.util.Locale;

/** What a person may do on the hub. */
public enum Role {
    /** Everything, including user, node and join-token administration. */
    ADMIN("admin"),
    /** Run commands on nodes, see and cancel their own jobs, read the pool. */
    COMPUTE_USER("compute-user"),
    /** Read the pool only. */
    VIEWER("viewer");

    private final String wireName;

    Role(String wireName) {
        this.wireName = wireName;
    }

    /**
     * The name used on the wire, in stores and on the command line.
     *
     * @return for example {@code compute-user}
     */
    public String wireName() {
        return wireName;
    }

    /**
     * Says whether this role includes everything {@code other} may do.
     *
     * @param other the role asked for
     * @return true when this role is at least as strong
     */
    public boolean includes(Role other) {
        return ordinal() <= other.ordinal();
    }

    /**
     * Parses a wire name.
     *
     * @param name for example {@code viewer}
     * @return the role
     * @throws IllegalArgumentException naming the accepted values when the name is unknown
     */
    public static Role fromWireName(String name) {
        String wanted = name.toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(r -> r.wireName.equals(wanted))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "role '" + name + "' is unknown; use one of admin, compute-user, viewer"));
    }
}
