package io.resourcepool.core.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.resourcepool.api.JobSpec;
import io.resourcepool.core.client.PoolClient;
import io.resourcepool.core.client.RequestRefusedException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job may not ask for an output cap above the hub's bound ({@code hub.max-output-cap}): it is refused with an
 * error naming the bound, whether it is run or submitted, over the network or by an in-process client, and nothing
 * is stored for it.
 */
class OutputCapBoundTest {
    private static final long BOUND = 64L << 20;
    private static final JobSpec GREEDY = JobSpec.of("true").withOutputCap(BOUND + 1);

    @TempDir
    Path dir;

    @Test
    void aJobAskingForMoreOutputThanTheBoundIsRefusedOnEveryPath() throws Exception {
        try (TlsHubFixture pool = TlsHubFixture.configured(dir, c -> c.withRelay(new RelayLimits(RelayLimits.DEFAULTS.followerBufferBytes(), BOUND)))) {
            PoolClient network = pool.track(pool.admin());
            PoolClient inProcess = pool.track(PoolClient.over(pool.hub.connectInProcess("127.0.0.1:50000"), pool.hub.maxFrameBytes()))
                    .login("admin", TlsHubFixture.ADMIN_PASSWORD);

            for (PoolClient client : new PoolClient[] {network, inProcess}) {
                assertThatThrownBy(() -> client.run(GREEDY)).isInstanceOf(RequestRefusedException.class)
                        .hasMessageContaining("hub.max-output-cap").hasMessageContaining(Long.toString(BOUND));
                assertThatThrownBy(() -> client.submit(GREEDY)).isInstanceOf(RequestRefusedException.class)
                        .hasMessageContaining("hub.max-output-cap");
            }
            assertThat(network.jobs(new io.resourcepool.api.spi.store.JobQuery(java.util.Optional.empty(), java.util.Optional.empty(),
                    java.util.Optional.empty(), 10))).as("nothing stored for the refused jobs").isEmpty();
        }
    }

    @Test
    void theBoundCannotBeSetBelowTheDefaultCap() {
        assertThatThrownBy(() -> new RelayLimits(RelayLimits.DEFAULTS.followerBufferBytes(), JobSpec.DEFAULT_OUTPUT_CAP_BYTES - 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxOutputCapBytes");
        assertThatThrownBy(() -> new RelayLimits(1024, RelayLimits.DEFAULTS.maxOutputCapBytes()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("followerBufferBytes");
    }
}
