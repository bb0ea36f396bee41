package io.resourcepool.api.spi.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.resourcepool.api.Bytes;
import io.resourcepool.api.FrameException.Reason;
import io.resourcepool.api.FrameException;
import io.resourcepool.api.TransportException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** The frame header codec on plain streams, and on a real socket where time matters. */
class FrameCodecTest {
    private static final FrameLimits LIMITS = new FrameLimits(4096, Duration.ofSeconds(1));

    private static FrameReader reader(byte[] bytes) {
        return new FrameReader(new ByteArrayInputStream(bytes), LIMITS, FrameReader.ReadTimeout.NONE, "peer");
    }

    private static byte[] header(int magic, int type, int length) {
        return ByteBuffer.allocate(Frame.HEADER_BYTES).putInt(magic).putShort((short) type).putInt(length).array();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static void assertRefused(ThrowingCallable read, Reason reason) {
        assertThatThrownBy(read).isInstanceOfSatisfying(FrameException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }

    @Test
    void framesRoundTripInOrderAndACleanEndSaysClosedByPeer() {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        FrameWriter writer = new FrameWriter(wire, "peer");
        List<Frame> frames = List.of(new Frame(0, Bytes.EMPTY), new Frame(Frame.MAX_TYPE, Bytes.utf8("{\"hello\":1}")),
                new Frame(42, Bytes.adopt(new byte[LIMITS.maxFrameBytes()])));
        frames.forEach(writer::write);

        FrameReader reader = reader(wire.toByteArray());

        assertThat(List.of(reader.read(), reader.read(), reader.read())).containsExactlyElementsOf(frames);
        assertThatThrownBy(reader::read).isInstanceOf(TransportException.class).isNotInstanceOf(FrameException.class)
                .hasMessage("closed by peer peer");
    }

    @Test
    void aFrameThatFitsOneTlsRecordIsOneWriteAndALargerOneTwo() {
        List<Integer> writes = new ArrayList<>();
        ByteArrayOutputStream wire = new ByteArrayOutputStream() {
            @Override
            public synchronized void write(byte[] bytes, int offset, int length) {
                writes.add(length);
                super.write(bytes, offset, length);
            }
        };
        FrameWriter writer = new FrameWriter(wire, "peer");
        int fits = FrameWriter.ONE_PIECE_BYTES - Frame.HEADER_BYTES;
        Frame small = new Frame(7, Bytes.adopt(new byte[fits]));
        Frame large = new Frame(8, Bytes.adopt(new byte[fits + 1]));

        writer.write(small);
        writer.write(large);

        assertThat(writes).containsExactly(FrameWriter.ONE_PIECE_BYTES, Frame.HEADER_BYTES, fits + 1);
        FrameReader reader = new FrameReader(new ByteArrayInputStream(wire.toByteArray()), new FrameLimits(2 * FrameWriter.ONE_PIECE_BYTES,
                Duration.ofSeconds(1)), FrameReader.ReadTimeout.NONE, "peer");
        assertThat(List.of(reader.read(), reader.read())).containsExactly(small, large);
    }

    @Test
    void headerIsMagicThenTypeThenLengthBigEndian() {
        assertThat(FrameWriter.encode(new Frame(0x0102, Bytes.utf8("ab"))))
                .containsExactly(0xDE, 0xAD, 0xBE, 0xEF, 0x01, 0x02, 0, 0, 0, 2, 'a', 'b');
    }

    @Test
    void wrongMagicIsRefusedBeforeTheRestOfTheHeaderIsRead() {
        assertRefused(() -> reader("GET / HTTP/1.1\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).read(), Reason.BAD_MAGIC);
        assertRefused(() -> reader(new byte[] {(byte) 0xDE, (byte) 0xAD, (byte) 0xBE, (byte) 0xEE}).read(), Reason.BAD_MAGIC);
    }

    @Test
    void lengthOf4GiBIsRefusedAsTooLargeNamingTheFigures() {
        assertThatThrownBy(() -> reader(header(Frame.MAGIC, 1, 0xFFFFFFFF)).read())
                .isInstanceOfSatisfying(FrameException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TOO_LARGE))
                .hasMessageContaining("4294967295")
                .hasMessageContaining("4096");
    }

    @Test
    void exactlyTheLimitIsAcceptedAndOneMoreIsRefused() {
        byte[] atLimit = FrameWriter.encode(new Frame(1, Bytes.adopt(new byte[LIMITS.maxFrameBytes()])));
        byte[] overLimit = FrameWriter.encode(new Frame(1, Bytes.adopt(new byte[LIMITS.maxFrameBytes() + 1])));

        assertThat(reader(atLimit).read().payload().size()).isEqualTo(LIMITS.maxFrameBytes());
        assertRefused(() -> reader(overLimit).read(), Reason.TOO_LARGE);
    }

    @Test
    void streamEndingInsideTheHeaderOrThePayloadIsTruncated() {
        byte[] whole = FrameWriter.encode(new Frame(1, Bytes.utf8("twelve bytes")));

        assertRefused(() -> reader(Arrays.copyOf(whole, 7)).read(), Reason.TRUNCATED);
        assertRefused(() -> reader(Arrays.copyOf(whole, whole.length - 1)).read(), Reason.TRUNCATED);
    }

    @Test
    void claimedLengthIsNotAllocatedUntilTheBytesArrive() {
        FrameLimits roomy = new FrameLimits(64 << 20, Duration.ofSeconds(5));
        byte[] claimsAll = concat(header(Frame.MAGIC, 1, roomy.maxFrameBytes()), new byte[100]);
        FrameReader reader = new FrameReader(new ByteArrayInputStream(claimsAll), roomy, FrameReader.ReadTimeout.NONE, "peer");
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

        long before = threads.getCurrentThreadAllocatedBytes();
        assertRefused(reader::read, Reason.TRUNCATED);
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;

        assertThat(allocated).as("bytes allocated for a 64 MiB claim backed by 100 bytes").isLessThan(1 << 20);
    }

    @Test
    void frameThatTakesLongerThanTheDeadlineFailsEvenWithoutTimeouts() {
        AtomicLong nanos = new AtomicLong();
        byte[] whole = FrameWriter.encode(new Frame(1, Bytes.adopt(new byte[1000])));
        InputStream slow = new ByteArrayInputStream(whole) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                nanos.addAndGet(Duration.ofMillis(300).toNanos());
                return super.read(b, off, Math.min(len, 100));
            }
        };
        FrameReader reader = new FrameReader(slow, LIMITS, FrameReader.ReadTimeout.NONE, "peer", nanos::get);

        assertRefused(reader::read, Reason.DEADLINE);
    }

    @Test
    void firstByteWaitsForeverAndTheRestWithinWhatIsLeftOfTheDeadline() {
        List<Integer> timeouts = new ArrayList<>();
        AtomicLong nanos = new AtomicLong();
        byte[] whole = FrameWriter.encode(new Frame(1, Bytes.utf8("x")));
        InputStream stream = new ByteArrayInputStream(whole) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                nanos.addAndGet(Duration.ofMillis(100).toNanos());
                return super.read(b, off, len);
            }
        };
        FrameReader reader = new FrameReader(stream, LIMITS, timeouts::add, "peer", nanos::get);

        reader.read();

        assertThat(timeouts).first().isEqualTo(0);
        assertThat(timeouts.subList(1, timeouts.size())).isNotEmpty().containsExactly(1000, 900, 800);
    }

    @Test
    void frameStoppingHalfWayOnASocketFailsWithDeadline() throws IOException {
        FrameLimits quick = new FrameLimits(4096, Duration.ofMillis(200));
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                Socket sender = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
                Socket receiver = server.accept()) {
            byte[] whole = FrameWriter.encode(new Frame(1, Bytes.adopt(new byte[100])));
            sender.getOutputStream().write(whole, 0, 50);
            FrameReader reader = new FrameReader(receiver.getInputStream(), quick, FrameReader.ReadTimeout.of(receiver), "sender");

            assertThatThrownBy(reader::read)
                    .isInstanceOfSatisfying(FrameException.class, e -> assertThat(e.reason()).isEqualTo(Reason.DEADLINE))
                    .hasMessageContaining("200 ms");
        }
    }

    @Test
    void writerRefusesToSendOnABrokenStream() {
        FrameWriter writer = new FrameWriter(new java.io.OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("broken pipe");
            }
        }, "peer");

        assertThatThrownBy(() -> writer.write(new Frame(1, Bytes.utf8("x"))))
                .isInstanceOf(TransportException.class)
                .hasMessageContaining("broken pipe");
    }
}
