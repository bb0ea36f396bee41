package io.resourcepool.core.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.resourcepool.api.BusyException;
import io.resourcepool.api.TransportException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The worker's waits between tries: doubling, capped shorter while tasks run, and a hub's retry-after taken at its word. */
class ReconnectPacingTest {
    private static final long GRACE_MILLIS = 15_000;

    @Test
    void waitsDoubleUpToAMinuteWhenNoTaskRuns() {
        ReconnectPacing pacing = new ReconnectPacing(Duration.ofSeconds(16));
        pacing.failed(new TransportException("refused"));

        assertThat(pacing.next(false, GRACE_MILLIS)).isBetween(Duration.ofSeconds(8), Duration.ofSeconds(16));
        assertThat(pacing.next(false, GRACE_MILLIS)).isBetween(Duration.ofSeconds(16), Duration.ofSeconds(32));
        assertThat(pacing.next(false, GRACE_MILLIS)).isBetween(Duration.ofSeconds(30), Duration.ofSeconds(60));
        assertThat(pacing.next(false, GRACE_MILLIS)).isBetween(Duration.ofSeconds(30), Duration.ofSeconds(60));
    }

    @Test
    void whileTasksRunNoWaitIsLongerThanAQuarterOfTheGrace() {
        ReconnectPacing pacing = new ReconnectPacing(Duration.ofSeconds(16));
        pacing.failed(new TransportException("refused"));

        for (int i = 0; i < 5; i++) {
            assertThat(pacing.next(true, GRACE_MILLIS)).isLessThanOrEqualTo(Duration.ofMillis(GRACE_MILLIS / 4));
        }
    }

    @Test
    void aHubThatSaysWhenToComeBackIsTakenAtItsWordWithoutDoubling() {
        ReconnectPacing pacing = new ReconnectPacing(Duration.ofMillis(500));
        pacing.failed(new BusyException("node held by hub-a", Duration.ofSeconds(4)));

        assertThat(pacing.planned()).isEqualTo(Duration.ofSeconds(4));
        assertThat(pacing.next(false, GRACE_MILLIS)).isBetween(Duration.ofSeconds(4), Duration.ofMillis(4_800));
        pacing.failed(new TransportException("refused"));
        assertThat(pacing.next(false, GRACE_MILLIS)).as("the doubling went on from where it was").isLessThanOrEqualTo(Duration.ofMillis(500));
    }
}
