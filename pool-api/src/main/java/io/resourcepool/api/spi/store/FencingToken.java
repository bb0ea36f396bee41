package io.resourcepool.api.spi.store;

/**
 * The number a node lease is held under. It grows every time the lease changes hands and is never given twice,
 * so a write made under it can be checked against the lease's current token: a hub that was paused past its
 * lease, and wakes up, holds a smaller token than the hub that took the node over.
 *
 * @param value the token, positive
 */
public record FencingToken(long value) implements Comparable<FencingToken> {
    /** Checks the value. */
    public FencingToken {
        if (value < 1) {
            throw new IllegalArgumentException("fencing token must be positive, was " + value);
        }
    }

    @Override
    public int compareTo(FencingToken other) {
        return Long.compare(value, other.value);
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
