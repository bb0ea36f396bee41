package io.resourcepool.launcher.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/** The open-loop load sends exactly its schedule, spread over its connections, and counts latency from due times. */
class OpenLoopTest {

    @Test
    void theScheduleInterleavesTheConnectionsAtTheRate() {
        OpenLoop load = new OpenLoop(1000, Duration.ofSeconds(1));

        assertThat(load.dueNanos(0, 0, 4)).isZero();
        assertThat(load.dueNanos(1, 0, 4)).isEqualTo(1_000_000);
        assertThat(load.dueNanos(3, 0, 4)).isEqualTo(3_000_000);
        assertThat(load.dueNanos(0, 1, 4)).isEqualTo(4_000_000);
        assertThat(load.dueNanos(2, 10, 4)).isEqualTo(42_000_000);
    }

    @Test
    void exactlyTheScheduledRequestsAreSentWhateverTheServerDoes() throws InterruptedException {
        AtomicInteger sent = new AtomicInteger();
        OpenLoop.Sender fast = () -> sent.incrementAndGet() > 0;
        OpenLoop.Sender refused = () -> false;

        OpenLoop.Result result = new OpenLoop(400, Duration.ofMillis(250)).run(List.of(fast, fast, fast, refused));

        assertThat(result.ok() + result.failed()).isEqualTo(100);
        assertThat(result.ok()).isEqualTo(75);
        assertThat(sent.get()).isEqualTo(75);
        assertThat(result.latencies().count()).isEqualTo(100);
        assertThat(result.offered()).isEqualTo(400);
    }

    @Test
    void aStallCountsInTheLatencyOfEveryRequestDueDuringIt() throws InterruptedException {
        AtomicInteger calls = new AtomicInteger();
        OpenLoop.Sender stallsOnce = () -> {
            if (calls.getAndIncrement() == 0) {
                LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
            }
            return true;
        };

        // due every millisecond on one connection: the ones due in the first 50 ms could only go after the stall
        OpenLoop.Result result = new OpenLoop(1000, Duration.ofMillis(20)).run(List.of(stallsOnce));

        assertThat(result.latencies().count()).isEqualTo(20);
        // the last, due at 19 ms, was sent after 50 ms: more than 30 ms late; a closed loop would have timed it at ~0
        assertThat(result.latencies().percentileMillis(5)).isGreaterThan(30.0);
    }

    @Test
    void aRateOrLengthThatIsNotPositiveIsRefused() {
        assertThatThrownBy(() -> new OpenLoop(0, Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("positive rate");
        assertThatThrownBy(() -> new OpenLoop(10, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }
}
