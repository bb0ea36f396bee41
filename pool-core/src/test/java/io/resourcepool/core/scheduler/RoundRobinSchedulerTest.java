package io.resourcepool.core.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import io.resourcepool.api.NodeId;
import io.resourcepool.api.spi.scheduler.Scheduler;
import io.resourcepool.testkit.scheduler.SchedulerContract;
import io.resourcepool.testkit.scheduler.TestNode;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RoundRobinSchedulerTest extends SchedulerContract {
    @Override
    protected Scheduler newScheduler() {
        return new RoundRobinScheduler();
    }

    @Test
    void cyclesThroughTheNodesInIdOrder() {
        var view = pool(TestNode.named("c"), TestNode.named("a").load(0.9), TestNode.named("b"));

        assertThat(placements(view, 7)).containsExactly("a", "b", "c", "a", "b", "c", "a");
    }

    @Test
    void skipsNodesThatAreNotEligibleWithoutLosingItsTurn() {
        var all = pool(TestNode.named("a"), TestNode.named("b"), TestNode.named("c"));
        var bDrained = pool(TestNode.named("a"), TestNode.named("b").drained(), TestNode.named("c"));

        assertThat(placements(all, 1)).containsExactly("a");
        assertThat(placements(bDrained, 1)).containsExactly("c");
        assertThat(placements(all, 2)).containsExactly("a", "b");
    }

    @Test
    void aNodeThatJoinsTakesItsTurnInIdOrder() {
        var before = pool(TestNode.named("a"), TestNode.named("c"));
        var after = pool(TestNode.named("a"), TestNode.named("b"), TestNode.named("c"));

        assertThat(placements(before, 1)).containsExactly("a");
        assertThat(placements(after, 3)).containsExactly("b", "c", "a");
    }

    @Test
    void concurrentPlacementsShareTheTurnsEvenly() throws Exception {
        var view = pool(TestNode.named("a"), TestNode.named("b"));
        List<Thread> threads = IntStream.range(0, 4)
                .mapToObj(i -> Thread.ofPlatform().start(() -> placements(view, 250)))
                .toList();
        for (Thread thread : threads) {
            thread.join();
        }

        assertThat(placements(view, 2)).containsExactly("a", "b");
    }

    private List<String> placements(io.resourcepool.api.spi.scheduler.PoolView view, int count) {
        return IntStream.range(0, count).mapToObj(i -> scheduler.place(anyJob(), view).map(NodeId::value).orElse("-")).toList();
    }
}
