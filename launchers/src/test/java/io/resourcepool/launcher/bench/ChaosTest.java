package io.resourcepool.launcher.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ChaosTest {
    private static final Set<Chaos.Kind> ALL = EnumSet.allOf(Chaos.Kind.class);

    @Test
    void theSameSeedGivesTheSameScheduleAndAnotherSeedAnother() {
        List<Chaos.Fault> first = Chaos.plan(42, Duration.ofMinutes(10), ALL, 3, 2).schedule();

        assertThat(Chaos.plan(42, Duration.ofMinutes(10), ALL, 3, 2).schedule()).isEqualTo(first);
        assertThat(Chaos.plan(43, Duration.ofMinutes(10), ALL, 3, 2).schedule()).isNotEqualTo(first);
    }

    @Test
    void aTwoMinuteRunInjectsEveryKindOnceBetweenTenAndSeventyFivePercentOfTheRun() {
        List<Chaos.Fault> faults = Chaos.plan(7, Duration.ofMinutes(2), ALL, 3, 2).schedule();

        assertThat(faults).extracting(Chaos.Fault::kind).containsExactlyInAnyOrderElementsOf(ALL);
        assertThat(faults).allSatisfy(f -> assertThat(f.at()).isBetween(Duration.ofSeconds(12), Duration.ofSeconds(90)));
        assertThat(faults).extracting(Chaos.Fault::at).isSorted();
    }

    @Test
    void everyKindComesOnceBeforeAnyComesTwiceAndTargetsStayInRange() {
        Set<Chaos.Kind> kinds = EnumSet.complementOf(EnumSet.of(Chaos.Kind.DATABASE_RESTART));
        List<Chaos.Fault> faults = Chaos.plan(1, Duration.ofMinutes(60), kinds, 3, 2).schedule();

        assertThat(faults).hasSizeGreaterThan(2 * kinds.size());
        assertThat(faults.subList(0, kinds.size())).extracting(Chaos.Fault::kind).containsExactlyInAnyOrderElementsOf(kinds);
        assertThat(faults).noneMatch(f -> f.kind() == Chaos.Kind.DATABASE_RESTART);
        assertThat(faults).filteredOn(f -> f.kind() == Chaos.Kind.WORKER_KILL).allSatisfy(f -> assertThat(f.target()).isBetween(0, 2));
        assertThat(faults).filteredOn(f -> f.kind() == Chaos.Kind.CLIENT_STOP).allSatisfy(f -> assertThat(f.target()).isBetween(0, 1));
    }

    @Test
    void playingInjectsInOrderCountsByKindAndGoesOnPastAFaultThatFailed() {
        Chaos chaos = Chaos.plan(3, Duration.ofSeconds(10), EnumSet.of(Chaos.Kind.HUB_KILL, Chaos.Kind.FLEET_STOP), 1, 1);
        List<Chaos.Kind> done = new ArrayList<>();
        StringWriter log = new StringWriter();

        chaos.play(System.nanoTime() - Duration.ofMinutes(1).toNanos(), fault -> {
            done.add(fault.kind());
            if (fault.kind() == Chaos.Kind.HUB_KILL) {
                throw new IllegalStateException("the hub did not come back");
            }
            return "ok";
        }, new PrintWriter(log, true));

        assertThat(done).containsExactlyInAnyOrder(Chaos.Kind.HUB_KILL, Chaos.Kind.FLEET_STOP);
        assertThat(chaos.injected()).containsOnlyKeys(Chaos.Kind.FLEET_STOP);
        assertThat(chaos.failures()).singleElement().asString().contains("HUB_KILL", "the hub did not come back");
        assertThat(log.toString()).contains("FLEET_STOP", "HUB_KILL", "FAILED: the hub did not come back");
    }

    @Test
    void aPlanWithoutWorkersOrKindsIsRefused() {
        assertThatThrownBy(() -> Chaos.plan(1, Duration.ofMinutes(2), ALL, 0, 1)).hasMessageContaining("needs a worker");
        assertThatThrownBy(() -> Chaos.plan(1, Duration.ofMinutes(2), Set.of(), 1, 1)).hasMessageContaining("kind of fault");
    }
}
