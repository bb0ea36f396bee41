package io.resourcepool.api;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * An immutable run of bytes, compared by content, for use inside records (where a {@code byte[]} would
 * compare by reference and could be changed behind the record's back).
 */
public final class Bytes {
    /** The empty run. */
    public static final Bytes EMPTY = new Bytes(new byte[0]);

    private final byte[] bytes;

    private Bytes(byte[] bytes) {
        this.bytes = bytes;
    }

    /**
     * Copies the given bytes.
     *
     * @param bytes the bytes to copy
     * @return an immutable copy
     */
    public static Bytes copyOf(byte[] bytes) {
        return bytes.length == 0 ? EMPTY : new Bytes(bytes.clone());
    }

    /**
     * Copies part of the given bytes.
     *
     * @param bytes the source
     * @param offset the first byte to copy
     * @param length how many bytes to copy
     * @return an immutable copy
     */
    public static Bytes copyOf(byte[] bytes, int offset, int length) {
        return length == 0 ? EMPTY : new Bytes(Arrays.copyOfRange(bytes, offset, offset + length));
    }

    /**
     * Takes ownership of a freshly made array without copying it. The caller must not keep, change or hand
     * out the array afterwards; transports use this for bytes they have just read.
     *
     * @param freshArray an array nobody else refers to
     * @return the bytes, backed by that array
     */
    public static Bytes adopt(byte[] freshArray) {
        return freshArray.length == 0 ? EMPTY : new Bytes(freshArray);
    }

    /**
     * Encodes text as UTF-8.
     *
     * @param text the text
     * @return its UTF-8 bytes
     */
    public static Bytes utf8(String text) {
        return adopt(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The number of bytes.
     *
     * @return the size
     */
    public int size() {
        return bytes.length;
    }

    /**
     * Says whether there are no bytes.
     *
     * @return true when the size is zero
     */
    public boolean isEmpty() {
        return bytes.length == 0;
    }

    /**
     * Copies the bytes out.
     *
     * @return a new array
     */
    public byte[] toByteArray() {
        return bytes.clone();
    }

    /**
     * A read-only view, without copying.
     *
     * @return a read-only buffer positioned at the first byte
     */
    public ByteBuffer asReadOnlyBuffer() {
        return ByteBuffer.wrap(bytes).asReadOnlyBuffer();
    }

    /**
     * Writes the bytes to a stream, without copying.
     *
     * @param out where to write
     */
    public void writeTo(OutputStream out) {
        try {
            out.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Decodes the bytes as UTF-8 (malformed sequences become U+FFFD).
     *
     * @return the text
     */
    public String asUtf8() {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /**
     * The last {@code max} bytes, or all of them when there are fewer.
     *
     * @param max how many bytes to keep at most
     * @return the tail
     */
    public Bytes tail(int max) {
        return bytes.length <= max ? this : copyOf(bytes, bytes.length - max, max);
    }

    /**
     * Lower-case hexadecimal form.
     *
     * @return the bytes in hex
     */
    public String toHex() {
        return HexFormat.of().formatHex(bytes);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Bytes that && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "Bytes[" + bytes.length + "]";
    }
}
