package io.resourcepool.launcher.client;

import io.resourcepool.api.Bytes;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Prints a byte stream that arrives in chunks as text, keeping a multi-byte UTF-8 character whole even when a
 * chunk boundary splits it.
 */
final class Utf8Printer {
    private final PrintWriter out;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
    private ByteBuffer pending = ByteBuffer.allocate(0);

    Utf8Printer(PrintWriter out) {
        this.out = out;
    }

    synchronized void print(Bytes chunk) {
        ByteBuffer in = ByteBuffer.allocate(pending.remaining() + chunk.size());
        in.put(pending).put(chunk.asReadOnlyBuffer()).flip();
        CharBuffer chars = CharBuffer.allocate(in.remaining() + 1);
        decoder.decode(in, chars, false);
        pending = in.slice();
        out.write(chars.flip().toString());
        out.flush();
    }
}
