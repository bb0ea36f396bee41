package io.resourcepool.core.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.resourcepool.api.ConfigurationException;
import io.resourcepool.api.spi.ProviderConfig;
import io.resourcepool.api.spi.Providers;
import io.resourcepool.api.spi.scheduler.SchedulerProvider;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SchedulerProvidersTest {
    private static final Path DATA = Path.of("/var/lib/pool");

    @Test
    void serviceLoaderFindsEveryScheduler() {
        assertThat(Providers.select(SchedulerProvider.class, "least-loaded").create(ProviderConfig.of("least-loaded", "scheduler", DATA)))
                .isInstanceOf(LeastLoadedScheduler.class);
        assertThat(Providers.select(SchedulerProvider.class, "round-robin").create(ProviderConfig.of("round-robin", "scheduler", DATA)))
                .isInstanceOf(RoundRobinScheduler.class);
        assertThat(Providers.select(SchedulerProvider.class, "bin-pack").create(ProviderConfig.of("bin-pack", "scheduler", DATA)))
                .isInstanceOf(BinPackScheduler.class);
    }

    @Test
    void binPackRefusesSettings() {
        assertThatThrownBy(() -> new BinPackSchedulerProvider().create(new ProviderConfig("bin-pack", "scheduler", DATA, Map.of("weight", "2"))))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("scheduler.weight");
    }

    @Test
    void settingsAreRefusedBecauseThereAreNone() {
        assertThatThrownBy(() -> new LeastLoadedSchedulerProvider().create(new ProviderConfig("least-loaded", "scheduler", DATA, Map.of("weight", "2"))))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("scheduler.weight");
    }
}
