package io.resourcepool.api.spi.sandbox;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * What a sandbox really does to contain a command: the protections it gives, and one sentence for people.
 *
 * @param features the protections given; an empty set means the command is not contained at all
 * @param description what it does, in words, for example "plain process: no isolation"
 */
public record Isolation(Set<IsolationFeature> features, String description) {
    /** Checks the fields and copies the set. */
    public Isolation {
        features = features.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(Objects.requireNonNull(features, "features must be given")));
        Objects.requireNonNull(description, "description must be given");
    }

    /**
     * Says whether a protection is given.
     *
     * @param feature the protection
     * @return true when given
     */
    public boolean gives(IsolationFeature feature) {
        return features.contains(feature);
    }
}
