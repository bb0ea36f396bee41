package io.resourcepool.testkit.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.resourcepool.api.Bytes;
import io.resourcepool.api.spi.transport.Frame;
import java.nio.ByteBuffer;
import java.util.Random;

/** Payloads whose content tells whether they arrived whole and from whom. */
final class Payloads {
    private static final int HEADER = 12;
    private static final int LARGEST_FILLER = 20_000;

    private Payloads() {}

    static Bytes random(long seed, int size) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return Bytes.adopt(bytes);
    }

    /**
     * A frame of {@code type} whose payload says its type, sequence number and filler length, then carries
     * that many copies of one byte, so a frame cut short or mixed with another is caught.
     */
    static Frame sequenced(int type, int seq, int maxFrameBytes) {
        int filler = (seq * 7919 + type * 104_729) % (Math.min(maxFrameBytes, LARGEST_FILLER) - HEADER);
        ByteBuffer buffer = ByteBuffer.allocate(HEADER + filler);
        buffer.putInt(type).putInt(seq).putInt(filler);
        byte fill = fillByte(type, seq);
        while (buffer.hasRemaining()) {
            buffer.put(fill);
        }
        return new Frame(type, Bytes.adopt(buffer.array()));
    }

    static int sequenceOf(Frame frame) {
        return frame.payload().asReadOnlyBuffer().getInt(4);
    }

    static void assertIntact(Frame frame) {
        ByteBuffer buffer = frame.payload().asReadOnlyBuffer();
        assertThat(buffer.remaining()).as("payload size").isGreaterThanOrEqualTo(HEADER);
        int type = buffer.getInt();
        int seq = buffer.getInt();
        int filler = buffer.getInt();
        assertThat(type).as("type written in the payload").isEqualTo(frame.type());
        assertThat(buffer.remaining()).as("filler of frame %d/%d", type, seq).isEqualTo(filler);
        byte fill = fillByte(type, seq);
        int wrong = 0;
        while (buffer.hasRemaining()) {
            wrong += buffer.get() == fill ? 0 : 1;
        }
        assertThat(wrong).as("filler bytes of frame %d/%d that are not %d", type, seq, fill).isZero();
    }

    private static byte fillByte(int type, int seq) {
        return (byte) (type * 31 + seq);
    }
}
