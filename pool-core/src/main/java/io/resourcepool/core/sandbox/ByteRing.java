package io.resourcepool.core.sandbox;

import io.resourcepool.api.Bytes;

/**
 * The last bytes of a stream of output, in a fixed ring: a job printing gigabytes costs its keeper this much and
 * no more. Thread-safe. Used wherever the end of a job's output must survive: past the output cap, in the hub's
 * tail of a running job, and on a worker cut off from its hub.
 */
public final class ByteRing {
    /** Where a ring starts: most jobs print little, so a ring grows to its capacity only as output comes. */
    private static final int FIRST_BYTES = 256;
    private final int capacity;
    private byte[] ring;
    private long total;

    /**
     * An empty ring.
     *
     * @param capacity how many of the last bytes it keeps
     */
    public ByteRing(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive, was " + capacity);
        }
        this.capacity = capacity;
        this.ring = new byte[Math.min(capacity, FIRST_BYTES)];
    }

    /**
     * Adds bytes.
     *
     * @param chunk the bytes
     */
    public void append(Bytes chunk) {
        byte[] data = chunk.toByteArray();
        append(data, 0, data.length);
    }

    /**
     * Adds part of a buffer.
     *
     * @param buffer the buffer
     * @param offset where the bytes start
     * @param length how many
     */
    public synchronized void append(byte[] buffer, int offset, int length) {
        growFor(length);
        int skip = Math.max(0, length - ring.length);
        int from = offset + skip;
        int count = length - skip;
        int at = (int) ((total + skip) % ring.length);
        int first = Math.min(count, ring.length - at);
        System.arraycopy(buffer, from, ring, at, first);
        System.arraycopy(buffer, from + first, ring, 0, count - first);
        total += length;
    }

    /**
     * How many bytes were added in all.
     *
     * @return the count
     */
    public synchronized long total() {
        return total;
    }

    /** Until it wraps, a ring smaller than its capacity grows to hold what comes, keeping its bytes in order. */
    private void growFor(int length) {
        long needed = total + length;
        if (ring.length == capacity || needed <= ring.length) {
            return;
        }
        ring = java.util.Arrays.copyOf(ring, (int) Math.min(capacity, Math.max(needed, 2L * ring.length)));
    }

    /**
     * The last bytes, oldest first: at most the ring's capacity.
     *
     * @return a copy
     */
    public synchronized Bytes last() {
        int size = (int) Math.min(total, ring.length);
        byte[] out = new byte[size];
        int start = (int) ((total - size) % ring.length);
        int first = Math.min(size, ring.length - start);
        System.arraycopy(ring, start, out, 0, first);
        System.arraycopy(ring, 0, out, first, size - first);
        return Bytes.adopt(out);
    }
}
