package io.resourcepool.core.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.resourcepool.api.ConfigurationException;
import io.resourcepool.api.spi.ProviderConfig;
import io.resourcepool.api.spi.Providers;
import io.resourcepool.api.spi.sandbox.SandboxProvider;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BubblewrapSandboxProviderTest {
    private static final Path DATA = Path.of("/var/lib/pool");

    @Test
    void serviceLoaderFindsTheBubblewrapSandbox() {
        assertThat(Providers.select(SandboxProvider.class, "bubblewrap")).isInstanceOf(BubblewrapSandboxProvider.class);
    }

    @Test
    void defaultsAreNobodyAndTheNetworkForJobsThatAskForIt() {
        assertThat(new BubblewrapSandboxProvider().create(ProviderConfig.of("bubblewrap", "sandbox", DATA)))
                .hasToString("BubblewrapSandbox[runAs=nobody, allowNetwork=true]");
    }

    @Test
    void settingsArePassedOn() {
        var sandbox = new BubblewrapSandboxProvider().create(new ProviderConfig("bubblewrap", "sandbox", DATA,
                Map.of("run-as", "daemon", "allow-network", "false")));

        assertThat(sandbox).hasToString("BubblewrapSandbox[runAs=daemon, allowNetwork=false]");
    }

    @Test
    void allowNetworkMustBeTrueOrFalse() {
        assertThatThrownBy(() -> new BubblewrapSandboxProvider().create(new ProviderConfig("bubblewrap", "sandbox", DATA,
                Map.of("allow-network", "yes"))))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("sandbox.allow-network");
    }

    @Test
    void unknownSettingIsRefusedByItsFullKey() {
        assertThatThrownBy(() -> new BubblewrapSandboxProvider().create(new ProviderConfig("bubblewrap", "sandbox", DATA,
                Map.of("network", "true"))))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("sandbox.network");
    }

    @Test
    void blankRunAsIsRefused() {
        assertThatThrownBy(() -> new BubblewrapSandboxProvider().create(new ProviderConfig("bubblewrap", "sandbox", DATA,
                Map.of("run-as", " "))))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("sandbox.run-as");
    }
}
