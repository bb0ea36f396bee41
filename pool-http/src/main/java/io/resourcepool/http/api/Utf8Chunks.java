package io.resourcepool.http.api;

import io.resourcepool.api.Bytes;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Turns one channel's output chunks into text as they come, keeping a character that a chunk cut in two until its
 * last bytes arrive, so the text is the same however the output was split. Bytes that are not UTF-8 become U+FFFD.
 * Not thread-safe: one per channel, fed in order.
 */
final class Utf8Chunks {
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
    private ByteBuffer pending = ByteBuffer.allocate(0);

    /** The text that these bytes complete, holding back an unfinished character. */
    String decode(Bytes chunk) {
        ByteBuffer in = ByteBuffer.allocate(pending.remaining() + chunk.size());
        in.put(pending).put(chunk.asReadOnlyBuffer()).flip();
        CharBuffer out = CharBuffer.allocate(in.remaining() + 1);
        decoder.decode(in, out, false);
        pending = in.slice();
        return out.flip().toString();
    }

    /** What was held back, at the end of the output. */
    String finish() {
        CharBuffer out = CharBuffer.allocate(pending.remaining() + 1);
        decoder.decode(pending, out, true);
        decoder.flush(out);
        pending = ByteBuffer.allocate(0);
        return out.flip().toString();
    }
}
