package io.resourcepool.launcher.logging;

import ch.qos.logback.classic.Level;
import io.resourcepool.api.ConfigurationException;
import io.resourcepool.launcher.config.ConfigKey;
import io.resourcepool.launcher.config.Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * How a long-running command (hub, worker) logs, from the {@code log.*} settings.
 *
 * @param level the least severe events written
 * @param format text lines or JSON lines
 * @param target standard error or a rotated file
 */
public record LogSettings(Level level, LogFormat format, LogTarget target) {
    /** The levels a person may name, least verbose first; each {@code -v} moves one step right. */
    static final List<Level> LEVELS = List.of(Level.OFF, Level.ERROR, Level.WARN, Level.INFO, Level.DEBUG, Level.TRACE);

    /** Checks that every part is given. */
    public LogSettings {
        Objects.requireNonNull(level, "level must be given");
        Objects.requireNonNull(format, "format must be given");
        Objects.requireNonNull(target, "target must be given");
    }

    /**
     * Reads the settings: {@code log.level} (which {@code --log-level} sets) made more verbose by {@code -v} steps.
     *
     * @param s the settings
     * @param verbosity how many times {@code -v} was given
     * @return the logging settings
     * @throws ConfigurationException naming the key at fault
     */
    public static LogSettings from(Settings s, int verbosity) {
        Level level = louder(parseLevel(s.required(ConfigKey.LOG_LEVEL), ConfigKey.LOG_LEVEL.key()), verbosity);
        LogFormat format = LogFormat.parse(s.required(ConfigKey.LOG_FORMAT), ConfigKey.LOG_FORMAT.key());
        LogTarget target = s.text(ConfigKey.LOG_FILE).isEmpty() ? new LogTarget.StandardError()
                : new LogTarget.RollingFile(writableFile(s.path(ConfigKey.LOG_FILE)), s.bytes(ConfigKey.LOG_MAX_FILE_SIZE),
                        s.integer(ConfigKey.LOG_MAX_HISTORY));
        return new LogSettings(level, format, target);
    }

    /**
     * Reads a level's name.
     *
     * @param text error, warn, info, debug, trace or off, in any case
     * @param where the key or flag it came from, for the message
     * @return the level
     */
    static Level parseLevel(String text, String where) {
        return LEVELS.stream().filter(l -> l.levelStr.equalsIgnoreCase(text.trim())).findFirst().orElseThrow(() ->
                new ConfigurationException(where + " is '" + text + "', which is not one of error, warn, info, debug, trace or off"));
    }

    /**
     * A level made more verbose by some steps, at most {@code trace}.
     *
     * @param level the starting level
     * @param steps how many times {@code -v} was given
     * @return the level
     */
    static Level louder(Level level, int steps) {
        return LEVELS.get(Math.min(LEVELS.size() - 1, LEVELS.indexOf(level) + Math.max(0, steps)));
    }

    private static Path writableFile(Path file) {
        Path dir = file.toAbsolutePath().getParent();
        if (Files.isDirectory(file) || !Files.isDirectory(dir) || !Files.isWritable(dir)) {
            throw new ConfigurationException("log.file is " + file + ", which cannot be written: " + (Files.isDirectory(file)
                    ? "it is a directory" : "its directory " + dir + (Files.isDirectory(dir) ? " is not writable" : " does not exist"))
                    + "; make the directory, or point log.file elsewhere");
        }
        return file;
    }

    @Override
    public String toString() {
        return "log " + level.levelStr.toLowerCase(Locale.ROOT) + " as " + format + " to " + target;
    }
}
