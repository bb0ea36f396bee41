package io.resourcepool.http.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.resourcepool.testkit.certs.TestCertificates;
import io.resourcepool.testkit.certs.TestIdentity;
import io.resourcepool.api.spi.transport.KeyMaterial;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The served identity follows its holder's generation: unchanged, nothing is reloaded; changed, the new one is served. */
class IdentityWatchTest {
    private final AtomicReference<KeyMaterial> held = new AtomicReference<>(material(TestCertificates.server()));
    private final AtomicLong generation = new AtomicLong();

    @Test
    void servesTheHoldersIdentityAndTheNextOneOnlyOnceItsGenerationChanged() {
        IdentityWatch watch = new IdentityWatch(held::get, generation::get, Duration.ofSeconds(1));
        KeyMaterial first = held.get();
        held.set(material(TestCertificates.client()));

        boolean beforeTheGenerationMoved = watch.check();
        generation.incrementAndGet();
        boolean afterIt = watch.check();
        boolean again = watch.check();

        assertThat(beforeTheGenerationMoved).isFalse();
        assertThat(afterIt).isTrue();
        assertThat(again).isFalse();
        assertThat(watch.served().certificate()).isEqualTo(held.get().certificate()).isNotEqualTo(first.certificate());
    }

    @Test
    void aCheckIntervalThatIsNotPositiveIsRefused() {
        assertThatThrownBy(() -> new IdentityWatch(held::get, generation::get, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("interval must be positive");
    }

    private static KeyMaterial material(TestIdentity identity) {
        return new KeyMaterial(identity.privateKey(), identity.certificateChain());
    }
}
