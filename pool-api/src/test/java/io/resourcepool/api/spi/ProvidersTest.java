package io.resourcepool.api.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.resourcepool.api.ConfigurationException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProvidersTest {
    interface GreeterProvider extends NamedProvider {}

    record Greeter(String type) implements GreeterProvider {}

    @Test
    void theProviderWhoseTypeMatchesIsChosen() {
        Greeter wanted = new Greeter("formal");
        assertThat(Providers.select(GreeterProvider.class, "formal", List.of(new Greeter("casual"), wanted))).isSameAs(wanted);
    }

    @Test
    void noMatchIsAnErrorListingWhatWasFound() {
        assertThatThrownBy(() -> Providers.select(GreeterProvider.class, "pirate", List.of(new Greeter("casual"), new Greeter("formal"))))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("no GreeterProvider of type 'pirate'")
                .hasMessageContaining("'casual'")
                .hasMessageContaining("'formal'");
    }

    @Test
    void nothingOnTheClassPathSaysNone() {
        assertThatThrownBy(() -> Providers.select(GreeterProvider.class, "formal")).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("found: none");
    }

    @Test
    void twoMatchesAreAnErrorNotAChoice() {
        assertThatThrownBy(() -> Providers.select(GreeterProvider.class, "formal", List.of(new Greeter("formal"), new Greeter("formal"))))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("more than one GreeterProvider has type 'formal'");
    }

    @Test
    void providerConfigNamesTheKeyOfABadValue() {
        ProviderConfig config = new ProviderConfig("jdbc", "store", java.nio.file.Path.of("."),
                java.util.Map.of("pool-size", "many", "timeout", "soon", "ok", "12", "wait", "250ms"));
        assertThatThrownBy(() -> config.getInt("pool-size", 1)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("store.pool-size is 'many'");
        assertThatThrownBy(() -> config.getDuration("timeout", java.time.Duration.ZERO)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("store.timeout");
        assertThat(config.getInt("ok", 1)).isEqualTo(12);
        assertThat(config.getDuration("wait", java.time.Duration.ZERO)).isEqualTo(java.time.Duration.ofMillis(250));
        assertThatThrownBy(() -> config.require("url")).hasMessageContaining("store.url must be set");
    }

    @Test
    void secretsComeFromTheEnvironmentByReferenceAndNeverShow() {
        ProviderConfig config = new ProviderConfig("jdbc", "store", java.nio.file.Path.of("."), java.util.Map.of("password-env", "DB_PW"));
        var secret = config.secret("password", java.util.Map.of("DB_PW", "s3cret-value")).orElseThrow();
        assertThat(secret.reveal()).isEqualTo("s3cret-value");
        assertThat(secret.toString()).doesNotContain("s3cret");
        assertThatThrownBy(() -> config.secret("password", java.util.Map.of())).hasMessageContaining("DB_PW, which is not set");
    }
}
