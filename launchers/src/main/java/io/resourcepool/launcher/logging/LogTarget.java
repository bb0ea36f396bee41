package io.resourcepool.launcher.logging;

import io.resourcepool.api.ConfigurationException;
import java.nio.file.Path;
import java.util.Objects;

/** Where log events go: standard error, or a file rotated by size. */
public sealed interface LogTarget {
    /** Standard error, read by the terminal or the service manager's journal. */
    record StandardError() implements LogTarget {}

    /**
     * A file rotated when it reaches {@code maxFileBytes}: {@code FILE} is written, {@code FILE.1} is the newest
     * rotated file and {@code FILE.N} (N = {@code maxHistory}) the oldest kept.
     *
     * @param file the file written
     * @param maxFileBytes its size at rotation, 1 KiB or more
     * @param maxHistory rotated files kept, 1 to {@value #MOST_HISTORY} (Logback's limit for numbered files)
     */
    record RollingFile(Path file, long maxFileBytes, int maxHistory) implements LogTarget {
        /** The most rotated files Logback's fixed window keeps. */
        public static final int MOST_HISTORY = 20;

        /** Checks the figures; a refusal names the setting and says what it accepts. */
        public RollingFile {
            Objects.requireNonNull(file, "file must be given");
            if (maxFileBytes < 1024) {
                throw new ConfigurationException("log.max-file-size is " + maxFileBytes + " bytes; rotating a log that small helps no one:"
                        + " give 1k or more, e.g. 10m");
            }
            if (maxHistory < 1 || maxHistory > MOST_HISTORY) {
                throw new ConfigurationException("log.max-history is " + maxHistory + "; it must be between 1 and " + MOST_HISTORY
                        + " rotated files (size the files with log.max-file-size to keep more)");
            }
        }
    }
}
