package io.resourcepool.core.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.resourcepool.api.spi.sandbox.OutputChannel;
import io.resourcepool.testkit.sandbox.RecordingOutputSink;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The cap passes output on up to its limit, and the last bytes past it at the end. */
class OutputCapTest {
    private final RecordingOutputSink sink = new RecordingOutputSink();

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void outputWithinTheCapPassesUnchangedAndFinishAddsNothing() {
        OutputCap cap = new OutputCap(sink, 100);

        cap.offer(OutputChannel.STDOUT, bytes("hello\n"), 6);
        cap.finish();

        assertThat(cap.truncated()).isFalse();
        assertThat(sink.stdout()).isEqualTo("hello\n");
    }

    @Test
    void theLastBytesPastTheCapArePassedOnAtTheEndPerChannel() {
        OutputCap cap = new OutputCap(sink, 10);
        byte[] line = bytes("0123456789abcdef\n");
        for (int i = 0; i < 2000; i++) {
            cap.offer(OutputChannel.STDOUT, line, line.length);
        }
        cap.offer(OutputChannel.STDOUT, bytes("the end\n"), 8);
        cap.offer(OutputChannel.STDERR, bytes("an error\n"), 9);

        cap.finish();
        cap.finish();

        long dropped = 2000L * line.length + 8 - 10;
        assertThat(sink.stdout()).startsWith("0123456789\n[output truncated: over 10 bytes]\n")
                .contains("\n[" + dropped + " bytes of stdout dropped; the last " + OutputCap.TAIL_BYTES + " follow]\n")
                .endsWith("0123456789abcdef\nthe end\n");
        assertThat(sink.stdout().length()).isLessThan(10 + 200 + OutputCap.TAIL_BYTES);
        assertThat(sink.stderr()).isEqualTo("\n[9 bytes of stderr dropped; the last 9 follow]\nan error\n");
    }

    @Test
    void aChunkLargerThanTheTailKeepsOnlyItsEnd() {
        OutputCap cap = new OutputCap(sink, 1);
        byte[] big = new byte[3 * OutputCap.TAIL_BYTES + 5];
        java.util.Arrays.fill(big, (byte) 'x');
        big[big.length - 1] = 'y';

        cap.offer(OutputChannel.STDOUT, big, big.length);
        cap.finish();

        String out = sink.stdout();
        assertThat(out).endsWith("x".repeat(OutputCap.TAIL_BYTES - 1) + "y");
    }

    @Test
    void nothingIsPassedOnAfterClose() {
        OutputCap cap = new OutputCap(sink, 1);
        cap.offer(OutputChannel.STDOUT, bytes("abc"), 3);
        String before = sink.stdout();

        cap.close();
        cap.finish();

        assertThat(sink.stdout()).isEqualTo(before);
    }
}
