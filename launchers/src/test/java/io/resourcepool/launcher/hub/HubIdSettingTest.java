package io.resourcepool.launcher.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.resourcepool.api.ConfigurationException;
import io.resourcepool.api.HubId;
import io.resourcepool.launcher.config.Settings;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HubIdSettingTest {
    @Test
    void aHubIdIsTakenAsGiven() {
        assertThat(HubRuntime.hubId(settings(Map.of("hub.id", "hub-2")))).contains(HubId.of("hub-2"));
    }

    @Test
    void noHubIdLeavesTheHubToDeriveItsName() {
        assertThat(HubRuntime.hubId(settings(Map.of()))).isEmpty();
    }

    @Test
    void aBadHubIdIsRefusedNamingTheKey() {
        assertThatThrownBy(() -> HubRuntime.hubId(settings(Map.of("hub.id", "Hub_2")))).isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("hub.id is not valid: hub name 'Hub_2' is not valid");
    }

    private static Settings settings(Map<String, String> values) {
        return Settings.load(Optional.empty(), values, Map.of());
    }
}
