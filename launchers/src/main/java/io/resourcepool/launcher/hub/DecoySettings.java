package io.resourcepool.launcher.hub;

import io.resourcepool.api.ConfigurationException;
import io.resourcepool.api.Secret;
import io.resourcepool.http.server.DecoyPaths;
import io.resourcepool.launcher.config.ConfigKey;
import io.resourcepool.launcher.config.Settings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Reads the {@code honeypot.*} keys: decoy paths (on by default), decoy accounts and join tokens (none by default). */
final class DecoySettings {
    private DecoySettings() {}

    static DecoyPaths paths(Settings s) {
        String text = s.text(ConfigKey.HONEYPOT_PATHS).orElse("off").strip();
        if (text.equals("off")) {
            return DecoyPaths.NONE;
        }
        try {
            return new DecoyPaths(list(text));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(ConfigKey.HONEYPOT_PATHS.key() + ": " + e.getMessage(), e);
        }
    }

    static Set<String> accounts(Settings s) {
        return s.text(ConfigKey.HONEYPOT_ACCOUNTS).map(DecoySettings::list).map(Set::copyOf).orElse(Set.of());
    }

    static List<Secret> joinTokens(Settings s) {
        if (s.text(ConfigKey.HONEYPOT_JOIN_TOKENS_FILE).isEmpty()) {
            return List.of();
        }
        try {
            return Files.readAllLines(s.path(ConfigKey.HONEYPOT_JOIN_TOKENS_FILE), StandardCharsets.UTF_8).stream()
                    .map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#")).map(Secret::of).toList();
        } catch (IOException e) {
            throw new ConfigurationException(ConfigKey.HONEYPOT_JOIN_TOKENS_FILE.key() + ": cannot read " + e.getMessage(), e);
        }
    }

    private static List<String> list(String text) {
        return Arrays.stream(text.split(",")).map(String::strip).filter(v -> !v.isEmpty()).collect(Collectors.toList());
    }
}
