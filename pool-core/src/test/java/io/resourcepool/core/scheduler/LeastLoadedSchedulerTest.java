package io.resourcepool.core.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import io.resourcepool.api.NodeId;
import io.resourcepool.api.ResourceRequest;
import io.resourcepool.api.spi.scheduler.Scheduler;
import io.resourcepool.testkit.scheduler.SchedulerContract;
import io.resourcepool.testkit.scheduler.TestNode;
import org.junit.jupiter.api.Test;

class LeastLoadedSchedulerTest extends SchedulerContract {
    @Override
    protected Scheduler newScheduler() {
        return new LeastLoadedScheduler();
    }

    @Test
    void picksTheNodeWithTheLowerCpuLoad() {
        var view = pool(TestNode.named("busy").load(0.8), TestNode.named("quiet").load(0.1));

        assertThat(scheduler.place(anyJob(), view)).contains(NodeId.of("quiet"));
    }

    @Test
    void jobsJustPlacedCountBeforeTheyShowInTheLoad() {
        var view = pool(TestNode.named("a").cpus(2).running(2, ResourceRequest.NONE), TestNode.named("b").cpus(2).load(0.3));

        assertThat(scheduler.place(anyJob(), view)).contains(NodeId.of("b"));
    }

    @Test
    void runningJobsWeighLessOnABiggerNode() {
        var view = pool(TestNode.named("small").cpus(2).running(1, ResourceRequest.NONE),
                TestNode.named("large").cpus(32).running(4, ResourceRequest.NONE));

        assertThat(scheduler.place(anyJob(), view)).contains(NodeId.of("large"));
    }

    @Test
    void memoryPressureCountsWhenTheCpusLookAlike() {
        var view = pool(TestNode.named("full").memory(16L << 30, 1L << 30), TestNode.named("roomy").memory(16L << 30, 15L << 30));

        assertThat(scheduler.place(anyJob(), view)).contains(NodeId.of("roomy"));
    }

    @Test
    void tiesGoToTheSmallestNodeIdWhateverTheOrderOfTheView() {
        var forward = pool(TestNode.named("alpha"), TestNode.named("bravo"), TestNode.named("charlie"));
        var backward = pool(TestNode.named("charlie"), TestNode.named("bravo"), TestNode.named("alpha"));

        assertThat(scheduler.place(anyJob(), forward)).contains(NodeId.of("alpha"));
        assertThat(scheduler.place(anyJob(), backward)).contains(NodeId.of("alpha"));
    }

    @Test
    void aLessLoadedNodeWithoutRoomIsPassedOver() {
        var view = pool(TestNode.named("idle").cpus(2).running(1, new ResourceRequest(2, 0)), TestNode.named("busy").cpus(8).load(0.9));

        assertThat(scheduler.place(anyJob().withResources(new ResourceRequest(1, 0)), view)).contains(NodeId.of("busy"));
    }

    @Test
    void scoreIsZeroForAnIdleEmptyNodeAndGrowsWithLoad() {
        assertThat(LeastLoadedScheduler.score(TestNode.named("a").view())).isZero();
        assertThat(LeastLoadedScheduler.score(TestNode.named("a").load(0.5).view())).isEqualTo(0.5);
        assertThat(LeastLoadedScheduler.score(TestNode.named("a").cpus(4).running(2, ResourceRequest.NONE).view())).isEqualTo(0.5);
        assertThat(LeastLoadedScheduler.score(TestNode.named("a").memory(100, 25).view())).isEqualTo(0.75);
    }
}
