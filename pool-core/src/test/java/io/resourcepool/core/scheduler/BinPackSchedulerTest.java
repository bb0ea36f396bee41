package io.resourcepool.core.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import io.resourcepool.api.NodeId;
import io.resourcepool.api.ResourceRequest;
import io.resourcepool.api.spi.scheduler.Scheduler;
import io.resourcepool.testkit.scheduler.SchedulerContract;
import io.resourcepool.testkit.scheduler.TestNode;
import org.junit.jupiter.api.Test;

class BinPackSchedulerTest extends SchedulerContract {
    @Override
    protected Scheduler newScheduler() {
        return new BinPackScheduler();
    }

    @Test
    void aClaimingJobGoesToTheNodeWithTheFewestCpusLeft() {
        var view = pool(TestNode.named("empty").cpus(16), TestNode.named("half").cpus(8).running(1, new ResourceRequest(4, 0)),
                TestNode.named("nearly").cpus(8).running(1, new ResourceRequest(6, 0)));

        assertThat(scheduler.place(anyJob().withResources(new ResourceRequest(2, 0)), view)).contains(NodeId.of("nearly"));
        assertThat(scheduler.place(anyJob().withResources(new ResourceRequest(3, 0)), view)).as("nearly has no room for 3")
                .contains(NodeId.of("half"));
    }

    @Test
    void aBigJobStillFindsTheWholeNodeThatPackingKeptFree() {
        var view = pool(TestNode.named("big").cpus(16), TestNode.named("small").cpus(4).running(1, new ResourceRequest(1, 0)));

        assertThat(scheduler.place(anyJob().withResources(new ResourceRequest(1, 0)), view)).contains(NodeId.of("small"));
        assertThat(scheduler.place(anyJob().withResources(new ResourceRequest(12, 0)), view)).contains(NodeId.of("big"));
    }

    @Test
    void equalCpusLeftGoToTheNodeWithTheLeastMemoryLeft() {
        var view = pool(TestNode.named("roomy").memory(64L << 30, 60L << 30), TestNode.named("tight").memory(64L << 30, 8L << 30));

        assertThat(scheduler.place(anyJob().withResources(new ResourceRequest(1, 4L << 30)), view)).contains(NodeId.of("tight"));
        assertThat(scheduler.place(anyJob().withResources(new ResourceRequest(1, 10L << 30)), view)).as("tight has 8 GiB")
                .contains(NodeId.of("roomy"));
    }

    @Test
    void fullTiesGoToTheSmallestNodeIdWhateverTheOrderOfTheView() {
        var forward = pool(TestNode.named("alpha"), TestNode.named("bravo"));
        var backward = pool(TestNode.named("bravo"), TestNode.named("alpha"));

        assertThat(scheduler.place(anyJob().withResources(new ResourceRequest(1, 0)), forward)).contains(NodeId.of("alpha"));
        assertThat(scheduler.place(anyJob().withResources(new ResourceRequest(1, 0)), backward)).contains(NodeId.of("alpha"));
    }

    @Test
    void anUnclaimingJobJoinsTheBusiestNodeWithASpareSlot() {
        var view = pool(TestNode.named("idle").cpus(4), TestNode.named("busy").cpus(4).running(3, ResourceRequest.NONE),
                TestNode.named("full").cpus(4).running(4, ResourceRequest.NONE));

        assertThat(scheduler.place(anyJob(), view)).contains(NodeId.of("busy"));
    }

    @Test
    void anUnclaimingJobIsNotKeptWaitingWhenEveryNodeIsFull() {
        var view = pool(TestNode.named("crowded").cpus(2).running(6, ResourceRequest.NONE),
                TestNode.named("full").cpus(4).running(4, ResourceRequest.NONE));

        assertThat(scheduler.place(anyJob(), view)).contains(NodeId.of("full"));
    }

    @Test
    void roomLeftCountsWhatIsAlreadyClaimed() {
        var node = TestNode.named("a").cpus(8).memory(16L << 30, 10L << 30).running(2, new ResourceRequest(3, 2L << 30)).view();

        assertThat(BinPackScheduler.freeCpusAfter(node, new ResourceRequest(2, 1L << 30))).isEqualTo(3);
        assertThat(BinPackScheduler.freeMemoryAfter(node, new ResourceRequest(2, 1L << 30))).isEqualTo(7L << 30);
    }
}
