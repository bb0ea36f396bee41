package io.resourcepool.core.hub;

import io.resourcepool.api.Bytes;

/** The last bytes of a job's output, kept in a fixed ring so a job printing gigabytes costs the hub nothing more. */
final class OutputTail {
    private final byte[] ring;
    private long written;

    OutputTail(int capacity) {
        this.ring = new byte[capacity];
    }

    synchronized void append(Bytes chunk) {
        byte[] data = chunk.toByteArray();
        int start = Math.max(0, data.length - ring.length);
        for (int i = start; i < data.length; i++) {
            ring[(int) ((written + i - start) % ring.length)] = data[i];
        }
        written += data.length - start;
    }

    synchronized Bytes snapshot() {
        int size = (int) Math.min(written, ring.length);
        byte[] out = new byte[size];
        long first = written - size;
        for (int i = 0; i < size; i++) {
            out[i] = ring[(int) ((first + i) % ring.length)];
        }
        return Bytes.adopt(out);
    }
}
