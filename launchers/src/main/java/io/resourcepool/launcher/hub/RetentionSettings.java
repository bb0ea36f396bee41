package io.resourcepool.launcher.hub;

import io.resourcepool.api.ConfigurationException;
import io.resourcepool.api.spi.Durations;
import io.resourcepool.core.hub.Retention;
import io.resourcepool.launcher.config.ConfigKey;
import io.resourcepool.launcher.config.Settings;
import java.time.Duration;
import java.time.format.DateTimeParseException;

/** Reads the {@code retention.*} keys: a duration of at least an hour, or {@code 0} / {@code forever} to keep. */
final class RetentionSettings {
    private RetentionSettings() {}

    static Retention read(Settings settings) {
        return new Retention(period(settings, ConfigKey.RETENTION_JOBS), period(settings, ConfigKey.RETENTION_SESSIONS),
                period(settings, ConfigKey.RETENTION_JOIN_TOKENS));
    }

    private static Duration period(Settings settings, ConfigKey key) {
        String text = settings.required(key).strip();
        try {
            Duration period = text.equals("forever") || text.equals("0") ? Retention.KEEP : Durations.parse(text);
            return Retention.checked(key.key(), period);
        } catch (DateTimeParseException e) {
            throw new ConfigurationException(key.key() + " is '" + text + "': give a duration such as 30d or 12h, or 0 or forever to keep"
                    + " for ever", e);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(e.getMessage(), e);
        }
    }
}
