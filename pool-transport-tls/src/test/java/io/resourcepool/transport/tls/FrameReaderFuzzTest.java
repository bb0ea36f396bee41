package io.resourcepool.transport.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.resourcepool.api.Bytes;
import io.resourcepool.api.FrameException;
import io.resourcepool.api.TransportException;
import io.resourcepool.api.spi.transport.Frame;
import io.resourcepool.api.spi.transport.FrameLimits;
import io.resourcepool.api.spi.transport.FrameReader;
import io.resourcepool.api.spi.transport.FrameWriter;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/** Whatever bytes a peer sends, the reader answers with frames within the limit or a transport error. */
class FrameReaderFuzzTest {
    private static final FrameLimits LIMITS = new FrameLimits(1024, Duration.ofSeconds(1));

    @Property(tries = 500)
    void randomBytesYieldOnlyFramesWithinTheLimitOrTransportErrors(@ForAll @Size(max = 3000) byte[] bytes) {
        readAll(bytes);
    }

    @Property(tries = 500)
    void mutatedFramesYieldOnlyFramesWithinTheLimitOrTransportErrors(@ForAll("mutatedStreams") byte[] bytes) {
        readAll(bytes);
    }

    /** Reads until the stream fails; anything but a frame within the limit or a transport error fails the property. */
    private static void readAll(byte[] bytes) {
        FrameReader reader = new FrameReader(new ByteArrayInputStream(bytes), LIMITS, FrameReader.ReadTimeout.NONE, "fuzzer", () -> 0L);
        for (int frames = 0; frames <= bytes.length / Frame.HEADER_BYTES; frames++) {
            try {
                Frame frame = reader.read();
                assertThat(frame.payload().size()).isLessThanOrEqualTo(LIMITS.maxFrameBytes());
            } catch (FrameException | TransportException expected) {
                return;
            }
        }
        throw new AssertionError("more frames than the bytes could hold");
    }

    @Provide
    Arbitrary<byte[]> mutatedStreams() {
        Arbitrary<byte[]> valid = Combinators.combine(
                        Arbitraries.integers().between(0, Frame.MAX_TYPE),
                        Arbitraries.bytes().array(byte[].class).ofMaxSize(1500))
                .as((type, payload) -> FrameWriter.encode(new Frame(type, Bytes.adopt(payload))))
                .list().ofMinSize(1).ofMaxSize(3)
                .map(FrameReaderFuzzTest::concat);
        return Combinators.combine(valid, Arbitraries.integers().between(0, 3), Arbitraries.integers().greaterOrEqual(0), Arbitraries.integers())
                .as(FrameReaderFuzzTest::mutate);
    }

    private static byte[] mutate(byte[] stream, int kind, int position, int value) {
        int at = position % stream.length;
        byte[] copy = stream.clone();
        switch (kind) {
            case 0 -> copy[at] ^= (byte) (value | 1);
            case 1 -> copy = Arrays.copyOf(copy, at);
            case 2 -> {
                if (copy.length >= Frame.HEADER_BYTES) {
                    java.nio.ByteBuffer.wrap(copy).putInt(6, value);
                }
            }
            default -> copy[at] = (byte) value;
        }
        return copy;
    }

    private static byte[] concat(java.util.List<byte[]> parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        parts.forEach(out::writeBytes);
        return out.toByteArray();
    }
}
