package io.resourcepool.launcher.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.resourcepool.api.ConfigurationException;
import io.resourcepool.launcher.config.Settings;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The hub's announcement settings, checked before the hub starts. */
class HubAnnouncementTest {
    @Test
    void aHubAnnouncesNothingUnlessAsked() {
        assertThat(HubAnnouncement.name(settings(Map.of("discovery.name", "lab")))).isEmpty();
    }

    @Test
    void theNameIsTheConfiguredOneElseTheShortHostName() {
        assertThat(HubAnnouncement.name(settings(Map.of("discovery.announce", "true", "discovery.name", "lab hub")))).contains("lab hub");
        assertThat(HubAnnouncement.name(settings(Map.of("discovery.announce", "true")))).get().asString().isNotEmpty().doesNotContain(".");
    }

    @Test
    void aNameDnsCannotCarryIsRefusedNamingTheKey() {
        assertThatThrownBy(() -> HubAnnouncement.name(settings(Map.of("discovery.announce", "true", "discovery.name", "x".repeat(64)))))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("discovery.name is not valid: it must be 1 to 63 bytes of UTF-8 without control characters, was 64 bytes");
    }

    private static Settings settings(Map<String, String> values) {
        return Settings.load(Optional.empty(), values, Map.of());
    }
}
