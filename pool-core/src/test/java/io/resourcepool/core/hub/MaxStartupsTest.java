package io.resourcepool.core.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.resourcepool.api.BusyException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class MaxStartupsTest {

    @Test
    void refusalsStartAtStartWithRateAndRiseLinearlyToAllAtFull() {
        MaxStartups limits = MaxStartups.parse("10:30:100");

        assertThat(limits.refusalPercent(9)).isZero();
        assertThat(limits.refusalPercent(10)).isEqualTo(30);
        assertThat(limits.refusalPercent(55)).isEqualTo(65);
        assertThat(limits.refusalPercent(100)).isEqualTo(100);
        assertThat(limits.refusalPercent(500)).isEqualTo(100);
    }

    @Test
    void oneNumberMeansAHardCap() {
        assertThat(MaxStartups.parse("20")).isEqualTo(new MaxStartups(20, 100, 20));
        assertThat(MaxStartups.parse("20").refusalPercent(19)).isZero();
        assertThat(MaxStartups.parse("20").refusalPercent(20)).isEqualTo(100);
    }

    @Test
    void badSettingsAreRefusedWithTheirForm() {
        assertThatThrownBy(() -> MaxStartups.parse("10:30")).hasMessageContaining("start:rate:full");
        assertThatThrownBy(() -> MaxStartups.parse("100:30:10")).hasMessageContaining("start <= full");
        assertThatThrownBy(() -> MaxStartups.parse("10:130:100")).hasMessageContaining("rate");
        assertThatThrownBy(() -> new StartupLimits(Duration.ZERO, MaxStartups.DEFAULT, 10)).hasMessageContaining("loginGraceTime");
        assertThatThrownBy(() -> new StartupLimits(Duration.ofSeconds(30), MaxStartups.DEFAULT, 0)).hasMessageContaining("perSourceMaxStartups");
    }

    @Test
    void theDrawDecidesBetweenStartAndFullAndAPlaceIsGivenBackOnce() {
        int[] draw = {99};
        try (Strangers strangers = new Strangers(new StartupLimits(Duration.ofSeconds(30), new MaxStartups(1, 50, 3), 10), bound -> draw[0])) {
            Strangers.Stranger first = strangers.admit("192.0.2.1:1", () -> { });
            strangers.admit("192.0.2.2:1", () -> { });
            draw[0] = 10;
            assertThatThrownBy(() -> strangers.admit("192.0.2.3:1", () -> { })).isInstanceOf(BusyException.class)
                    .hasMessageContaining("2 in all (max-startups 1:50:3: 75% refused at this count)");

            first.authenticated();
            first.closed();

            assertThat(strangers.count()).isEqualTo(1);
        }
    }
}
