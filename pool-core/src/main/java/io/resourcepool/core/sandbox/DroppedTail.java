package io.resourcepool.core.sandbox;

import io.resourcepool.api.Bytes;

/**
 * The last bytes of one channel's output past the cap: a fixed ring, so a job printing gigabytes past its cap
 * costs the worker this much and no more. Called by one reader thread, read once at the end.
 */
final class DroppedTail {
    private final byte[] ring;
    private long dropped;

    DroppedTail(int capacity) {
        this.ring = new byte[capacity];
    }

    synchronized void add(byte[] buffer, int offset, int length) {
        int skip = Math.max(0, length - ring.length);
        int from = offset + skip;
        int count = length - skip;
        int at = (int) ((dropped + skip) % ring.length);
        int first = Math.min(count, ring.length - at);
        System.arraycopy(buffer, from, ring, at, first);
        System.arraycopy(buffer, from + first, ring, 0, count - first);
        dropped += length;
    }

    /** How many bytes were dropped in all. */
    synchronized long dropped() {
        return dropped;
    }

    /** The last of them, oldest first: at most the ring's capacity. */
    synchronized Bytes last() {
        int size = (int) Math.min(dropped, ring.length);
        byte[] out = new byte[size];
        int start = (int) ((dropped - size) % ring.length);
        int first = Math.min(size, ring.length - start);
        System.arraycopy(ring, start, out, 0, first);
        System.arraycopy(ring, 0, out, first, size - first);
        return Bytes.adopt(out);
    }
}
