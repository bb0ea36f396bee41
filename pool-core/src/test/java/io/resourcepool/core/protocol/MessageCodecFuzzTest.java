package io.resourcepool.core.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.resourcepool.api.Bytes;
import io.resourcepool.api.ProtocolException;
import io.resourcepool.api.spi.transport.Frame;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Random and mutated payloads: the decoder answers with the protocol's own exception, or a message. */
class MessageCodecFuzzTest {
    private final MessageCodec codec = new MessageCodec(1 << 20);

    @Property(tries = 2000)
    void randomBytesYieldOnlyProtocolErrors(@ForAll @IntRange(min = 0, max = 0xFFFF) int type, @ForAll @Size(max = 512) byte[] payload) {
        assertDecodesOrRefuses(new Frame(type, Bytes.copyOf(payload)));
    }

    @Property(tries = 3000)
    void mutatedValidMessagesYieldOnlyProtocolErrors(@ForAll("validFrames") Frame frame, @ForAll("mutations") List<int[]> mutations) {
        byte[] bytes = frame.payload().toByteArray();
        for (int[] m : mutations) {
            if (bytes.length > 0) {
                bytes[Math.floorMod(m[0], bytes.length)] = (byte) m[1];
            }
        }
        assertDecodesOrRefuses(new Frame(frame.type(), Bytes.copyOf(bytes)));
    }

    @Provide
    Arbitrary<Frame> validFrames() {
        return Arbitraries.of(MessageCodecTest.everyMessage().map(codec::encode).toList());
    }

    @Provide
    Arbitrary<List<int[]>> mutations() {
        Arbitrary<int[]> one = Arbitraries.integers().between(0, 10_000)
                .flatMap(pos -> Arbitraries.integers().between(0, 255).map(b -> new int[] {pos, b}));
        return one.list().ofMinSize(1).ofMaxSize(4);
    }

    private void assertDecodesOrRefuses(Frame frame) {
        try {
            Message decoded = codec.decode(frame);
            assertThat(MessageCodec.typeOf(decoded).code()).isEqualTo(frame.type());
        } catch (ProtocolException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }
}
