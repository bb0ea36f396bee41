package io.resourcepool.http.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.resourcepool.api.Bytes;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Output cut anywhere, even inside a character, reads as the same text once put together. */
class Utf8ChunksTest {
    @Test
    void aCharacterCutBetweenChunksIsHeldBackUntilItIsWhole() {
        byte[] text = "a✓b€".getBytes(StandardCharsets.UTF_8);
        StringBuilder read = new StringBuilder();
        Utf8Chunks chunks = new Utf8Chunks();

        for (byte b : text) {
            read.append(chunks.decode(Bytes.copyOf(new byte[] {b})));
        }
        read.append(chunks.finish());

        assertThat(read.toString()).isEqualTo("a✓b€");
    }

    @Test
    void bytesThatAreNotUtf8BecomeReplacementCharacters() {
        Utf8Chunks chunks = new Utf8Chunks();

        String read = chunks.decode(Bytes.copyOf(new byte[] {'x', (byte) 0xff, 'y', (byte) 0xe2})) + chunks.finish();

        assertThat(read).isEqualTo("x\uFFFDy\uFFFD");
    }
}
