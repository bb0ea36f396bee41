package io.resourcepool.core.auth;

import io.resourcepool.api.Secret;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Passwords known to have leaked, from a file the operator provides ({@code auth.password.breached-list}), which a
 * new password must not be one of.
 *
 * <p>The file has one entry a line: a SHA-1 of the password's UTF-8 bytes in hex (either case, optionally followed by
 * {@code :COUNT}, as in the downloadable Have I Been Pwned list), or the password itself. Two ways of reading it:
 * <ul>
 *   <li>a file of at most {@value #MAX_IN_MEMORY_BYTES} bytes is read once into a set of hashes (a password line is
 *       hashed on the way, so no password is kept); a line of exactly 40 hex digits is taken as a hash;</li>
 *   <li>a larger file must hold only hashes sorted by hash (HIBP's "ordered by hash" download): it stays on disk and
 *       each check is a binary search over its bytes, some 35 small reads for a billion lines.</li>
 * </ul>
 * The file is read when the hub starts; a new file needs a restart.
 */
public final class BreachedPasswords {
    /** Files up to this size are held in memory as a set of hashes; larger ones are searched on disk. */
    public static final long MAX_IN_MEMORY_BYTES = 64L * 1024 * 1024;

    private static final Pattern SHA1_LINE = Pattern.compile("[0-9A-Fa-f]{40}(:[0-9]+)?");
    private static final int HEX = 40;
    private static final int MAX_LINE = 256;

    private final Lookup lookup;
    private final String description;

    private BreachedPasswords(Lookup lookup, String description) {
        this.lookup = lookup;
        this.description = description;
    }

    /**
     * No list: nothing counts as breached.
     *
     * @return the empty list
     */
    public static BreachedPasswords none() {
        return new BreachedPasswords(hash -> false, "none");
    }

    /**
     * Reads a list, as the class describes.
     *
     * @param file the file
     * @return the list
     * @throws IllegalArgumentException when the file cannot be read, or a large one is not sorted SHA-1 lines
     */
    public static BreachedPasswords load(Path file) {
        return load(file, MAX_IN_MEMORY_BYTES);
    }

    /** As {@link #load(Path)}, with the size up to which a file is held in memory given (for tests). */
    static BreachedPasswords load(Path file, long maxInMemoryBytes) {
        try {
            long size = Files.size(file);
            if (size <= maxInMemoryBytes) {
                Set<String> hashes = new HashSet<>();
                try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
                    lines.forEach(line -> addLine(hashes, line));
                }
                return new BreachedPasswords(hashes::contains, hashes.size() + " entries from " + file);
            }
            return new BreachedPasswords(SortedHashFile.open(file, size, maxInMemoryBytes), "sorted SHA-1 file " + file + " of " + size + " bytes");
        } catch (IOException | UncheckedIOException e) {
            throw new IllegalArgumentException("cannot read the breached-password list " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Says whether a password is on the list.
     *
     * @param password the password
     * @return true when it is
     */
    public boolean contains(Secret password) {
        return lookup.contains(sha1Hex(password.reveal()));
    }

    @Override
    public String toString() {
        return "BreachedPasswords[" + description + "]";
    }

    private static void addLine(Set<String> hashes, String line) {
        String entry = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
        if (entry.isEmpty()) {
            return;
        }
        hashes.add(SHA1_LINE.matcher(entry).matches() ? entry.substring(0, HEX).toUpperCase(Locale.ROOT) : sha1Hex(entry));
    }

    /** SHA-1 of the UTF-8 bytes, as 40 upper-case hex digits (HIBP's form). */
    static String sha1Hex(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().withUpperCase().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is missing from this JDK", e); // every Java platform has it
        }
    }

    @FunctionalInterface
    private interface Lookup {
        boolean contains(String upperHexSha1);
    }

    /** A large file of sorted hash lines, binary-searched by byte offset: a probe reads the first whole line after it. */
    private record SortedHashFile(Path file, long size) implements Lookup {
        static SortedHashFile open(Path file, long size, long maxInMemoryBytes) throws IOException {
            SortedHashFile sorted = new SortedHashFile(file, size);
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                String first = sorted.lineAt(channel, 0);
                if (!SHA1_LINE.matcher(first).matches()) {
                    throw new IllegalArgumentException("the breached-password list " + file + " is larger than "
                            + maxInMemoryBytes + " bytes, so it must hold SHA-1 lines sorted by hash (as HIBP's ordered-by-hash"
                            + " download), but its first line is not one");
                }
            }
            return sorted;
        }

        @Override
        public boolean contains(String hash) {
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                long low = 0;
                long high = size;
                while (low < high) {
                    long middle = (low + high) >>> 1;
                    long start = middle == 0 ? 0 : nextLineStart(channel, middle);
                    if (start >= high) {
                        high = middle;
                        continue;
                    }
                    String line = lineAt(channel, start);
                    int order = line.length() < HEX ? 1 : line.substring(0, HEX).toUpperCase(Locale.ROOT).compareTo(hash);
                    if (order == 0) {
                        return true;
                    }
                    if (order < 0) {
                        low = start + line.length() + 1;
                    } else {
                        high = middle;
                    }
                }
                return false;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the breached-password list " + file, e);
            }
        }

        /** The offset of the line after the one holding {@code offset - 1}. */
        private long nextLineStart(FileChannel channel, long offset) throws IOException {
            ByteBuffer buffer = ByteBuffer.allocate(MAX_LINE);
            long position = offset - 1;
            while (position < size) {
                buffer.clear();
                int read = channel.read(buffer, position);
                for (int i = 0; i < read; i++) {
                    if (buffer.get(i) == '\n') {
                        return position + i + 1;
                    }
                }
                position += Math.max(read, 1);
            }
            return size;
        }

        private String lineAt(FileChannel channel, long start) throws IOException {
            ByteBuffer buffer = ByteBuffer.allocate(MAX_LINE);
            int read = Math.max(channel.read(buffer, start), 0);
            int end = 0;
            while (end < read && buffer.get(end) != '\n') {
                end++;
            }
            String line = new String(buffer.array(), 0, end, StandardCharsets.US_ASCII);
            return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
        }
    }
}
