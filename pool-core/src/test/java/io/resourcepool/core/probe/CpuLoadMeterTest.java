package io.resourcepool.core.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class CpuLoadMeterTest {
    private final CpuLoadMeter meter = new CpuLoadMeter();

    @Test
    void firstReadingUsesTheLoadAveragePerProcessor() {
        assertThat(meter.next(ticks(100, 100, 0), 1.0, 4)).isEqualTo(0.25);
    }

    @Test
    void firstReadingIsClampedAndToleratesAnUnknownLoadAverage() {
        assertThat(meter.next(ticks(0, 0, 0), 9.0, 2)).isEqualTo(1.0);
        assertThat(new CpuLoadMeter().next(ticks(0, 0, 0), -1.0, 2)).isZero();
    }

    @Test
    void laterReadingsUseTheTicksBetweenThem() {
        meter.next(ticks(100, 100, 0), 0.0, 2);

        assertThat(meter.next(ticks(160, 130, 10), 0.0, 2)).isCloseTo(0.6, within(1e-9));
        assertThat(meter.next(ticks(160, 230, 10), 0.0, 2)).isZero();
    }

    @Test
    void readingsWithinOneTickKeepTheLastFigure() {
        meter.next(ticks(100, 100, 0), 0.0, 2);
        double load = meter.next(ticks(150, 150, 0), 0.0, 2);

        assertThat(meter.next(ticks(150, 150, 0), 0.0, 2)).isEqualTo(load).isEqualTo(0.5);
    }

    /** Ticks in OSHI's order; busy time is put in USER, idle in IDLE, wait in IOWAIT. */
    private static long[] ticks(long user, long idle, long iowait) {
        return new long[] {user, 0, 0, idle, iowait, 0, 0, 0};
    }
}
