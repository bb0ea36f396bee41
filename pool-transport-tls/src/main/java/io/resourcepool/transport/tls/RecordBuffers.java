package io.resourcepool.transport.tls;

import java.nio.ByteBuffer;
import java.util.concurrent.ArrayBlockingQueue;

/**
 * Buffers the size of one TLS record, lent to a connection while it reads or writes one and given back after,
 * so that ten thousand idle connections keep none. A buffer is taken only for the time of one record; the
 * pool keeps as many as were in use at once, up to a bound, and leaves the rest to the collector.
 */
final class RecordBuffers {
    /** The one pool of the process. */
    static final RecordBuffers SHARED = new RecordBuffers(64);
    /** Room for the largest record TLS allows, and for what the JDK's engine asks of a buffer it encrypts into. */
    static final int BYTES = Math.max(EngineTls.MAX_RECORD_BYTES, 16_709);

    private final ArrayBlockingQueue<ByteBuffer> free;

    /** @param kept how many buffers the pool keeps at most */
    RecordBuffers(int kept) {
        this.free = new ArrayBlockingQueue<>(kept);
    }

    /**
     * A cleared buffer backed by an array.
     *
     * @param atLeast the room needed; a buffer of {@link #BYTES} serves any record
     */
    ByteBuffer lend(int atLeast) {
        ByteBuffer buffer = free.poll();
        return buffer == null || buffer.capacity() < atLeast ? ByteBuffer.allocate(Math.max(BYTES, atLeast)) : buffer.clear();
    }

    /** Takes a buffer back; the caller no longer touches it. */
    void giveBack(ByteBuffer buffer) {
        free.offer(buffer);
    }

    /** Buffers waiting to be lent. */
    int waiting() {
        return free.size();
    }
}
