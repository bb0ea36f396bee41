package io.resourcepool.core.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.resourcepool.api.Bytes;
import io.resourcepool.api.spi.transport.Frame;
import java.util.Arrays;

/**
 * Coverage-guided: any payload of any message type decodes to a message of that type or is refused with
 * {@link BadMessageException}; what decodes encodes again to a payload that decodes to the same message and
 * re-encodes byte for byte. The first byte picks the type ({@link #TYPE_CHOICES}; the last choice is a number no
 * type has), the rest is the payload. Replays its inputs in every build; {@code scripts/fuzz} fuzzes it.
 */
class MessageCodecCoverageFuzzTest {
    private static final MessageType[] TYPES = MessageType.values();
    static final int TYPE_CHOICES = TYPES.length + 1;
    private final MessageCodec codec = new MessageCodec(1 << 20);

    @FuzzTest(maxDuration = "5m")
    void anyPayloadDecodesToItsTypeOrIsRefusedAndWhatDecodesRoundTrips(byte[] input) {
        if (input.length == 0) {
            return;
        }
        int choice = Math.floorMod(input[0], TYPE_CHOICES);
        int type = choice < TYPES.length ? TYPES[choice].code() : 100 + (input[0] & 0xFF);
        Message message;
        try {
            message = codec.decode(new Frame(type, Bytes.copyOf(Arrays.copyOfRange(input, 1, input.length))));
        } catch (BadMessageException refused) {
            assertThat(refused.getMessage()).isNotBlank();
            return;
        }
        assertThat(MessageCodec.typeOf(message).code()).isEqualTo(type);
        Frame again = codec.encode(message);
        assertThat(codec.decode(again)).isEqualTo(message);
        assertThat(codec.encode(codec.decode(again))).isEqualTo(again);
    }

}
