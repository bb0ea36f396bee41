package io.resourcepool.core.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.resourcepool.api.NodeResources.Gpu;
import io.resourcepool.api.ResourceRequest;
import java.util.List;
import org.junit.jupiter.api.Test;

class GpuAssignmentsTest {
    private static final Gpu IDLE_0 = gpu(0, "NVIDIA L4", 0, 0.0);
    private static final Gpu BUSY_1 = gpu(1, "NVIDIA L4", 20L << 30, 0.9);
    private static final Gpu IDLE_2 = gpu(2, "NVIDIA A100-SXM4-40GB", 0, 0.0);

    private final GpuAssignments assignments = new GpuAssignments();
    private final Object first = new Object();
    private final Object second = new Object();

    @Test
    void twoJobsAreNeverGivenTheSameGpu() {
        assignments.present(List.of(IDLE_0, BUSY_1, IDLE_2));

        List<Gpu> a = assignments.assign(first, "job-1", gpus(2, "")).orElseThrow();
        List<Gpu> b = assignments.assign(second, "job-2", gpus(1, "")).orElseThrow();

        assertThat(a).doesNotContainAnyElementsOf(b);
        assertThat(assignments.assign(new Object(), "job-3", gpus(1, ""))).isEmpty();
    }

    @Test
    void theLeastUsedGpusAreGivenFirst() {
        assignments.present(List.of(BUSY_1, IDLE_0));

        assertThat(assignments.assign(first, "job-1", gpus(1, "")).orElseThrow()).containsExactly(IDLE_0);
    }

    @Test
    void aModelIsMatchedByPartOfItsNameWhateverTheCase() {
        assignments.present(List.of(IDLE_0, IDLE_2));

        assertThat(assignments.assign(first, "job-1", gpus(1, "a100")).orElseThrow()).containsExactly(IDLE_2);
        assertThat(assignments.assign(second, "job-2", gpus(1, "a100"))).isEmpty();
    }

    @Test
    void aReleasedGpuIsGivenAgain() {
        assignments.present(List.of(IDLE_0));
        assignments.assign(first, "job-1", gpus(1, "")).orElseThrow();

        assignments.release(first);

        assertThat(assignments.assign(second, "job-2", gpus(1, "")).orElseThrow()).containsExactly(IDLE_0);
    }

    @Test
    void aGpuThatDisappearedIsGivenToNoOne() {
        assignments.present(List.of(IDLE_0, BUSY_1));
        assignments.present(List.of(BUSY_1));

        assertThat(assignments.assign(first, "job-1", gpus(1, "")).orElseThrow()).containsExactly(BUSY_1);
        assertThat(assignments.assign(second, "job-2", gpus(1, ""))).isEmpty();
    }

    @Test
    void aJobAskingForNoGpuIsGivenNoneAndHoldsNothing() {
        assignments.present(List.of(IDLE_0));

        assertThat(assignments.assign(first, "job-1", ResourceRequest.NONE).orElseThrow()).isEmpty();
        assertThat(assignments.assign(second, "job-2", gpus(1, "")).orElseThrow()).containsExactly(IDLE_0);
    }

    @Test
    void aJobThatCannotHaveAllItAsksForHoldsNone() {
        assignments.present(List.of(IDLE_0));

        assertThat(assignments.assign(first, "job-1", gpus(2, ""))).isEmpty();
        assertThat(assignments.assign(second, "job-2", gpus(1, "")).orElseThrow()).containsExactly(IDLE_0);
    }

    private static ResourceRequest gpus(int count, String model) {
        return ResourceRequest.NONE.withGpus(count, model);
    }

    @Test
    void anNvidiaAndAnAmdGpuOfTheSameIndexAreTwoGpus() {
        Gpu amd0 = new Gpu(0, "GPU-amd", "AMD", "AMD Instinct MI210", 1, 0, 0.0, 0);
        assignments.present(List.of(IDLE_0, amd0));

        List<Gpu> a = assignments.assign(first, "job-1", gpus(1, "l4")).orElseThrow();
        List<Gpu> b = assignments.assign(second, "job-2", gpus(1, "mi210")).orElseThrow();

        assertThat(a).containsExactly(IDLE_0);
        assertThat(b).containsExactly(amd0);
        assertThat(assignments.families()).containsExactlyInAnyOrder(GpuGrant.Family.CUDA, GpuGrant.Family.ROCM);
    }

    @Test
    void aSampleMarksEachGpuWithTheJobHoldingItUntilItIsReleased() {
        assignments.present(List.of(IDLE_0, BUSY_1, IDLE_2));
        assignments.assign(first, "job-1", gpus(1, "a100")).orElseThrow();

        assertThat(assignments.marked(List.of(IDLE_0, BUSY_1, IDLE_2))).extracting(Gpu::heldBy).containsExactly("", "", "job-1");

        assignments.release(first);
        assertThat(assignments.marked(List.of(IDLE_0, BUSY_1, IDLE_2))).noneMatch(Gpu::busy);
    }

    @Test
    void theMigDevicesOfOneCardAreGivenToOneJobEach() {
        Gpu first = new Gpu(0, "MIG-1", "NVIDIA", "NVIDIA A100-SXM4-40GB MIG 1g.5gb", 5L << 30, 0, 0.0, 40);
        Gpu second = new Gpu(0, "MIG-2", "NVIDIA", "NVIDIA A100-SXM4-40GB MIG 1g.5gb", 5L << 30, 0, 0.0, 40);
        assignments.present(List.of(first, second));

        List<Gpu> a = assignments.assign(this.first, "job-1", gpus(1, "1g.5gb")).orElseThrow();
        List<Gpu> b = assignments.assign(this.second, "job-2", gpus(1, "1g.5gb")).orElseThrow();

        assertThat(List.of(a.get(0).uuid(), b.get(0).uuid())).containsExactlyInAnyOrder("MIG-1", "MIG-2");
        assertThat(assignments.assign(new Object(), "job-3", gpus(1, ""))).isEmpty();
    }

    private static Gpu gpu(int index, String model, long used, double utilization) {
        return new Gpu(index, "GPU-" + index, "NVIDIA", model, 40L << 30, used, utilization, 40);
    }
}
