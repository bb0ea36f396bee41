package io.resourcepool.store.jdbc;

import static io.resourcepool.testkit.store.StoreSamples.richResources;
import static io.resourcepool.testkit.store.StoreSamples.richSpec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.resourcepool.api.JobSpec;
import io.resourcepool.api.NodeId;
import io.resourcepool.api.NodeResources;
import io.resourcepool.api.NodeSelector;
import io.resourcepool.api.ResourceRequest;
import io.resourcepool.api.StoreException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The text encoding of specs, resources and labels reads back exactly, and refuses anything else. */
class FieldCodecTest {

    @Test
    void fieldsAreLengthPrefixedSoAnyTextSurvives() {
        String encoded = new FieldWriter("test/1").text("a:b").list(List.of("", "x\ny")).map(Map.of("k", "1:2")).encoded();

        assertThat(encoded).isEqualTo("6:test/13:a:b1:20:3:x\ny1:11:k3:1:2");
        FieldReader r = new FieldReader(encoded, "test/1", "the sample");
        assertThat(r.text()).isEqualTo("a:b");
        assertThat(r.list()).containsExactly("", "x\ny");
        assertThat(r.map()).containsExactly(Map.entry("k", "1:2"));
        r.end();
    }

    @Test
    void everySpecFieldReadsBack() {
        assertThat(JobSpecCodec.decode(JobSpecCodec.encode(richSpec()), "spec")).isEqualTo(richSpec());
        JobSpec named = JobSpec.of("x").withTarget(NodeSelector.named(NodeId.of("n-1")));
        assertThat(JobSpecCodec.decode(JobSpecCodec.encode(named), "spec")).isEqualTo(named);
    }

    @Test
    void resourcesReadBackToTheSameDouble() {
        NodeResources odd = new NodeResources(1, Math.nextDown(1.0), 10, 0, 10, 10, List.of());

        assertThat(NodeCodec.decodeResources(NodeCodec.encode(richResources()), "r")).isEqualTo(richResources());
        assertThat(NodeCodec.decodeResources(NodeCodec.encode(odd), "r").cpuLoad()).isEqualTo(Math.nextDown(1.0));
    }

    @Test
    void labelsReadBack() {
        Map<String, String> labels = Map.of("gpu", "a100", "", "empty key", "zone", "");

        assertThat(NodeCodec.decodeLabels(NodeCodec.encode(labels), "labels")).isEqualTo(labels);
    }

    @Test
    void anotherFormatVersionIsRefusedByName() {
        String future = new FieldWriter("job-spec/6").list(List.of("x")).encoded();

        assertThatThrownBy(() -> JobSpecCodec.decode(future, "the spec of job 42"))
                .isInstanceOf(StoreException.class)
                .hasMessageStartingWith("the spec of job 42 in the store cannot be read: its format is 'job-spec/6', not one of")
                .hasMessageContainingAll("job-spec/1", "job-spec/2", "job-spec/3", "job-spec/4", "job-spec/5", "it was written by another version of ResourcePool");
    }

    @Test
    void aSpecsGpuClaimReadsBackAndOneWrittenBeforeItReadsAsNoGpu() {
        JobSpec withGpus = JobSpec.of("nvidia-smi").withResources(new ResourceRequest(2, 1L << 30, 4, "a100"));
        String before = new FieldWriter("job-spec/4").list(List.of("echo", "hi")).text("any").number(0).number(0)
                .text("PT0S").map(Map.of()).number(0).number(JobSpec.DEFAULT_OUTPUT_CAP_BYTES).text("").number(0).text("").encoded();

        assertThat(JobSpecCodec.decode(JobSpecCodec.encode(withGpus), "spec")).isEqualTo(withGpus);
        assertThat(JobSpecCodec.decode(before, "spec")).isEqualTo(JobSpec.of("echo", "hi"));
    }

    @Test
    void aSpecWrittenBeforeTheWorkingDirectoryReadsAsTheWorkDirectoryItself() {
        String old = new FieldWriter("job-spec/1").list(List.of("echo", "hi")).text("any").number(0).number(0)
                .text("PT0S").map(Map.of()).number(0).number(JobSpec.DEFAULT_OUTPUT_CAP_BYTES).encoded();

        assertThat(JobSpecCodec.decode(old, "spec")).isEqualTo(JobSpec.of("echo", "hi"));
        JobSpec inSubdirectory = JobSpec.of("pwd").withWorkingDirectory("build/out");
        assertThat(JobSpecCodec.decode(JobSpecCodec.encode(inSubdirectory), "spec").workingDirectory()).isEqualTo("build/out");
    }

    @Test
    void aSpecWrittenBeforeTheNetworkFieldReadsAsNoNetwork() {
        String old = new FieldWriter("job-spec/2").list(List.of("curl", "example.org")).text("any").number(0).number(0)
                .text("PT0S").map(Map.of()).number(0).number(JobSpec.DEFAULT_OUTPUT_CAP_BYTES).text("").encoded();

        assertThat(JobSpecCodec.decode(old, "spec")).isEqualTo(JobSpec.of("curl", "example.org"));
        JobSpec online = JobSpec.of("curl", "example.org").withNetwork(true);
        assertThat(JobSpecCodec.decode(JobSpecCodec.encode(online), "spec").network()).isTrue();
    }

    @Test
    void aSpecWrittenBeforeTheImageFieldReadsAsNoImage() {
        String old = new FieldWriter("job-spec/3").list(List.of("make")).text("any").number(0).number(0)
                .text("PT0S").map(Map.of()).number(0).number(JobSpec.DEFAULT_OUTPUT_CAP_BYTES).text("").number(1).encoded();

        assertThat(JobSpecCodec.decode(old, "spec")).isEqualTo(JobSpec.of("make").withNetwork(true));
        JobSpec contained = JobSpec.of("make").withImage("localhost/tools:1");
        assertThat(JobSpecCodec.decode(JobSpecCodec.encode(contained), "spec")).isEqualTo(contained);
    }

    @Test
    void damagedValuesAreRefusedNotGuessed() {
        String good = JobSpecCodec.encode(JobSpec.of("echo", "hi"));

        for (String damaged : List.of("", "garbage", good.substring(0, good.length() - 1), good + "1:x", "99999999999:x",
                good.replace("4:echo", "4:ech"), good.replaceFirst("3:any", "3:all"), "-1:" + good)) {
            assertThatThrownBy(() -> JobSpecCodec.decode(damaged, "the spec of job 7"))
                    .as(damaged)
                    .isInstanceOf(StoreException.class)
                    .hasMessageStartingWith("the spec of job 7 in the store cannot be read");
        }
    }

    @Test
    void invalidValuesInsideAWellFormedEncodingAreRefused() {
        String negativeLoad = NodeCodec.encode(new NodeResources(1, 0.5, 1, 1, 1, 1, List.of())).replace("3:0.5", "4:-0.5");

        assertThatThrownBy(() -> NodeCodec.decodeResources(negativeLoad, "the resources of node n"))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("cpuLoad must be between 0.0 and 1.0");
    }
}
