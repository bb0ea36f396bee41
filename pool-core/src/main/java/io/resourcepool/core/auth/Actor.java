package io.resourcepool.core.auth;

import java.util.Objects;

/**
 * Who asks for an administrative change, as written to the audit log. The caller has already checked that
 * they may ask: the services of this package record who acted, they do not decide who may.
 *
 * @param name a user name, or {@code hub} for the hub itself
 * @param sourceAddress where the request came from, empty when not from the network
 */
public record Actor(String name, String sourceAddress) {
    /** Checks the fields. */
    public Actor {
        Objects.requireNonNull(name, "name must be given");
        Objects.requireNonNull(sourceAddress, "sourceAddress must be given (empty when not from the network)");
        if (name.isBlank()) {
            throw new IllegalArgumentException("name must not be blank");
        }
    }

    /**
     * The hub acting on its own, for example when it makes the first admin.
     *
     * @return the actor {@code hub} with no source address
     */
    public static Actor hub() {
        return new Actor("hub", "");
    }
}
