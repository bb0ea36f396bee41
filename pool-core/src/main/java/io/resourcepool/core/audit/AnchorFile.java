package io.resourcepool.core.audit;

import io.resourcepool.api.ConfigurationException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.SecretKey;

/**
 * The append-only file of signed checkpoints and day roots, outside the database: one line each, the line's
 * text followed by {@code mac=} and HMAC-SHA256 of the text under the checkpoint key. Each append is forced to
 * disk. A line that does not parse or whose signature does not match is reported with its line number.
 */
final class AnchorFile {
    private static final String MAC = " mac=";

    private final Path file;
    private final SecretKey key;

    AnchorFile(Path file, SecretKey key) {
        this.file = file;
        this.key = key;
    }

    Path path() {
        return file;
    }

    /**
     * Signs and appends a line.
     *
     * @param line the line
     * @return the signed line as written, without its newline
     */
    String append(AnchorLine line) {
        String signed = line.text() + MAC + sign(line.text());
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
                out.write(ByteBuffer.wrap((signed + "\n").getBytes(StandardCharsets.UTF_8)));
                out.force(true);
            }
        } catch (IOException e) {
            throw new ConfigurationException("cannot append to the audit anchor file " + file + ": " + e.getMessage(), e);
        }
        return signed;
    }

    /**
     * Reads every line, checking each signature.
     *
     * @return the lines, or the first that is not as this hub wrote it
     */
    Contents read() {
        List<AnchorLine> lines = new ArrayList<>();
        if (!Files.exists(file)) {
            return new Contents(lines, "");
        }
        List<String> texts;
        try {
            texts = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigurationException("cannot read the audit anchor file " + file + ": " + e.getMessage(), e);
        }
        for (int i = 0; i < texts.size(); i++) {
            String signed = texts.get(i);
            int mac = signed.lastIndexOf(MAC);
            if (mac < 0 || !MessageDigest.isEqual(sign(signed.substring(0, mac)).getBytes(StandardCharsets.US_ASCII),
                    signed.substring(mac + MAC.length()).getBytes(StandardCharsets.US_ASCII))) {
                return new Contents(lines, "line " + (i + 1) + " of " + file + " is not signed by this hub's audit key (the file was edited)");
            }
            try {
                lines.add(AnchorLine.parse(signed.substring(0, mac)));
            } catch (IllegalArgumentException e) {
                return new Contents(lines, "line " + (i + 1) + " of " + file + " does not read: " + e.getMessage());
            }
        }
        return new Contents(lines, "");
    }

    /**
     * What the file holds.
     *
     * @param lines the lines read, in file order, up to the first bad one
     * @param problem the first bad line, empty when none
     */
    record Contents(List<AnchorLine> lines, String problem) {
        Contents {
            lines = List.copyOf(lines);
        }
    }

    private String sign(String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has HmacSHA256", e);
        }
    }
}
