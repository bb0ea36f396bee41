package io.resourcepool.http.ui;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One file the dashboard serves, read once from the class path: its bytes, its media type, and a strong entity tag
 * made from its content, so that a browser revalidates it with one cheap request.
 */
final class Asset {
    private final ByteBuffer content;
    private final String mediaType;
    private final String etag;

    Asset(byte[] bytes, String mediaType) {
        this.content = ByteBuffer.wrap(bytes.clone()).asReadOnlyBuffer();
        this.mediaType = Objects.requireNonNull(mediaType, "mediaType must be given");
        this.etag = "\"" + HexFormat.of().formatHex(sha256(bytes), 0, 12) + "\"";
    }

    /** The bytes, as a fresh read-only view for one response. */
    ByteBuffer content() {
        return content.duplicate();
    }

    int length() {
        return content.remaining();
    }

    String mediaType() {
        return mediaType;
    }

    String etag() {
        return etag;
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
