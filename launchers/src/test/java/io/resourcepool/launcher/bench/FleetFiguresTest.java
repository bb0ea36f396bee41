package io.resourcepool.launcher.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The fleet bench's figures, computed from given samples of the hub process, and the metrics page they are read from. */
class FleetFiguresTest {

    @Test
    void heapPerWorkerIsTheHeapTheFleetAddedDividedByItsWorkers() {
        FleetFigures figures = new FleetFigures(10_000, 40L << 20, (40L << 20) + 10_000 * 20 * 1024L, Duration.ofSeconds(12), 120_000,
                Duration.ofSeconds(60));

        assertThat(figures.heapPerWorkerKiB()).isCloseTo(20.0, within(1e-9));
        assertThat(figures.heapLine()).contains("40.0 MiB before the fleet", "235.3 MiB with 10000 workers", "20.0 KiB per worker",
                "aim: at most 24 KiB");
    }

    @Test
    void cpuPerHeartbeatIsTheHubsCpuTimeDividedByTheHeartbeatsItReceived() {
        FleetFigures figures = new FleetFigures(10_000, 0, 0, Duration.ofSeconds(12), 120_000, Duration.ofSeconds(60));

        assertThat(figures.cpuPerHeartbeatMicros()).isCloseTo(100.0, within(1e-9));
        assertThat(figures.heartbeatsPerSecond()).isCloseTo(2000.0, within(1e-9));
        assertThat(figures.coresBusy()).isCloseTo(0.2, within(1e-9));
        assertThat(figures.cpuLine()).contains("over 60 s", "12.00 s for 120000 heartbeats received (2000/s)", "100 µs per heartbeat",
                "20% of one core");
    }

    @Test
    void withoutWorkersOrHeartbeatsThereIsNoFigure() {
        FleetFigures none = new FleetFigures(0, 1, 1, Duration.ZERO, 0, Duration.ofSeconds(1));

        assertThat(none.heapPerWorkerKiB()).isNaN();
        assertThat(none.cpuPerHeartbeatMicros()).isNaN();
        assertThatThrownBy(() -> new FleetFigures(1, 0, 0, Duration.ZERO, 0, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FleetFigures(1, 0, 0, Duration.ofSeconds(-1), 0, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aSampleIsReadFromTheHubsMetricsPage() {
        String page = """
                # HELP resourcepool_heartbeats_received_total Worker heartbeats received since the hub started
                # TYPE resourcepool_heartbeats_received_total counter
                resourcepool_heartbeats_received_total 123456.0
                resourcepool_nodes_connected 10000.0
                resourcepool_jobs{state="queued"} 0.0
                """;

        assertThat(HubScrape.value(page, "resourcepool_heartbeats_received_total")).isEqualTo(123_456.0);
        assertThat(HubScrape.value(page, "resourcepool_nodes_connected")).isEqualTo(10_000.0);
        assertThatThrownBy(() -> HubScrape.value(page, "resourcepool_nodes_online")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("resourcepool_nodes_online");
    }
}
