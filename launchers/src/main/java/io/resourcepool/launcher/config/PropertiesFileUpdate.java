package io.resourcepool.launcher.config;

import io.resourcepool.api.ConfigurationException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Sets keys in a configuration file an operator also edits: each key's first line ({@code key = value}, active or
 * not) gets the new value, later lines of the same key go, and a key the file lacks is appended. Every other line,
 * comments included, stays as it was; the file is replaced whole, with its permissions, so a reader never sees
 * half of it.
 */
public final class PropertiesFileUpdate {
    private PropertiesFileUpdate() {}

    /**
     * Writes the values into the file.
     *
     * @param file an existing properties file
     * @param values key to value; values must be single lines
     * @throws ConfigurationException when the file cannot be read or written, or a value spans lines
     */
    public static void set(Path file, Map<ConfigKey, String> values) {
        Map<ConfigKey, String> pending = new LinkedHashMap<>(values);
        pending.forEach((key, value) -> {
            if (value.contains("\n") || value.contains("\r")) {
                throw new ConfigurationException("the value of " + key.key() + " spans several lines; give it on one line");
            }
        });
        try {
            List<String> lines = new ArrayList<>();
            Map<ConfigKey, Boolean> written = new LinkedHashMap<>();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                ConfigKey key = keyOf(line, pending);
                if (key == null) {
                    lines.add(line);
                } else if (written.putIfAbsent(key, true) == null) {
                    lines.add(key.key() + " = " + pending.get(key));
                }
            }
            pending.keySet().stream().filter(k -> !written.containsKey(k)).forEach(k -> lines.add(k.key() + " = " + pending.get(k)));
            Path next = Files.createTempFile(file.toAbsolutePath().getParent(), "." + file.getFileName(), ".new");
            Files.setPosixFilePermissions(next, Files.getPosixFilePermissions(file));
            Files.write(next, lines, StandardCharsets.UTF_8);
            Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new ConfigurationException("cannot update configuration file " + file + ": " + e.getMessage()
                    + "; check that it exists and that you may write it and its directory (sudo, for /etc)", e);
        }
    }

    /** The key among {@code keys} that a line sets, commented out or not; null for any other line. */
    private static ConfigKey keyOf(String line, Map<ConfigKey, String> keys) {
        for (ConfigKey key : keys.keySet()) {
            if (Pattern.compile("^\\s*#?\\s*" + Pattern.quote(key.key()) + "\\s*[=:]").matcher(line).find()) {
                return key;
            }
        }
        return null;
    }
}
