package io.resourcepool.core.audit;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One line of the audit anchor file, before its signature: a checkpoint of the log's head, or the Merkle root
 * of one UTC day's rows. The text form is {@code kind key=value ...}, stable and easy to read by eye or by
 * {@code grep}.
 */
sealed interface AnchorLine {
    /** The line's text, which the signature covers. */
    String text();

    /**
     * The head of the audit log at a moment.
     *
     * @param sequence the last row
     * @param hash its hash
     * @param at when the checkpoint was taken
     * @param firstKeyedRow the first row the chain keys, so a changed cut-over shows
     */
    record Checkpoint(long sequence, String hash, Instant at, long firstKeyedRow) implements AnchorLine {
        /** Checks the fields. */
        public Checkpoint {
            Objects.requireNonNull(hash, "hash must be given");
            Objects.requireNonNull(at, "at must be given");
        }

        @Override
        public String text() {
            return "checkpoint seq=" + sequence + " hash=" + hash + " at=" + at + " keyed-from=" + firstKeyedRow;
        }
    }

    /**
     * The Merkle root of the rows of one UTC day.
     *
     * @param day the day
     * @param firstRow its first row
     * @param lastRow its last row
     * @param root the root over the rows' hashes, in order
     */
    record DayRoot(LocalDate day, long firstRow, long lastRow, String root) implements AnchorLine {
        /** Checks the fields. */
        public DayRoot {
            Objects.requireNonNull(day, "day must be given");
            Objects.requireNonNull(root, "root must be given");
            if (lastRow < firstRow) {
                throw new IllegalArgumentException("lastRow " + lastRow + " is before firstRow " + firstRow);
            }
        }

        @Override
        public String text() {
            return "root day=" + day + " first=" + firstRow + " last=" + lastRow + " root=" + root;
        }
    }

    /**
     * Reads a line's text.
     *
     * @param text what {@link #text()} gave
     * @return the line
     * @throws IllegalArgumentException when it is not one
     */
    static AnchorLine parse(String text) {
        String[] words = text.split(" ");
        Map<String, String> fields = new HashMap<>();
        for (int i = 1; i < words.length; i++) {
            int eq = words[i].indexOf('=');
            if (eq < 1) {
                throw new IllegalArgumentException("'" + words[i] + "' is not key=value");
            }
            fields.put(words[i].substring(0, eq), words[i].substring(eq + 1));
        }
        try {
            return switch (words[0]) {
                case "checkpoint" -> new Checkpoint(Long.parseLong(need(fields, "seq")), need(fields, "hash"), Instant.parse(need(fields, "at")),
                        Long.parseLong(need(fields, "keyed-from")));
                case "root" -> new DayRoot(LocalDate.parse(need(fields, "day")), Long.parseLong(need(fields, "first")),
                        Long.parseLong(need(fields, "last")), need(fields, "root"));
                default -> throw new IllegalArgumentException("unknown kind '" + words[0] + "'");
            };
        } catch (java.time.DateTimeException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private static String need(Map<String, String> fields, String key) {
        String value = fields.get(key);
        if (value == null) {
            throw new IllegalArgumentException("no " + key + "=");
        }
        return value;
    }
}
