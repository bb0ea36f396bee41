package io.resourcepool.core.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.resourcepool.api.ConfigurationException;
import io.resourcepool.api.spi.ProviderConfig;
import io.resourcepool.api.spi.Providers;
import io.resourcepool.api.spi.sandbox.SandboxProvider;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BubblewrapSandboxProviderTest {
    private static final Path DATA = Path.of("/var/lib/pool");

    @Test
    void serviceLoaderFindsTheBubblewrapSandbox() {
        assertThat(Providers.select(SandboxProvider.class, "bubblewrap")).isInstanceOf(BubblewrapSandboxProvider.class);
    }

    @Test
    void defaultsAreTheDynamicUidRangeNoExtraPathAndTheNetworkForJobsThatAskForIt() {
        assertThat(new BubblewrapSandboxProvider().create(ProviderConfig.of("bubblewrap", "sandbox", DATA)))
                .hasToString("BubblewrapSandbox[jobUids=61184-65519, allowNetwork=true, readOnlyPaths=[]]");
    }

    @Test
    void settingsArePassedOn() {
        var sandbox = new BubblewrapSandboxProvider().create(new ProviderConfig("bubblewrap", "sandbox", DATA,
                Map.of("job-uids", "70000-70099", "allow-network", "false", "read-only-paths", "/opt/tools, /srv/data")));

        assertThat(sandbox).hasToString("BubblewrapSandbox[jobUids=70000-70099, allowNetwork=false, readOnlyPaths=[/opt/tools, /srv/data]]");
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
    void aReadOnlyPathThatShowsTheWorkersDataDirectoryIsRefused() {
        for (String shows : List.of("/var", "/var/lib/pool", "/var/lib/pool/tls", "/opt,/")) {
            assertThatThrownBy(() -> new BubblewrapSandboxProvider().create(new ProviderConfig("bubblewrap", "sandbox", DATA,
                    Map.of("read-only-paths", shows))))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("sandbox.read-only-paths")
                    .hasMessageContaining("data directory");
        }
    }

    @Test
    void aRelativeReadOnlyPathIsRefused() {
        assertThatThrownBy(() -> new BubblewrapSandboxProvider().create(new ProviderConfig("bubblewrap", "sandbox", DATA,
                Map.of("read-only-paths", "opt/tools"))))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("must be absolute");
    }

    @Test
    void aJobUidRangeWithRootOrUpsideDownIsRefused() {
        for (String range : List.of("0-100", "200-100", "many")) {
            assertThatThrownBy(() -> new BubblewrapSandboxProvider().create(new ProviderConfig("bubblewrap", "sandbox", DATA,
                    Map.of("job-uids", range))))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("sandbox.job-uids");
        }
    }
}
