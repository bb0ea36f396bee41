package io.resourcepool.core.hub;

import static org.assertj.core.api.Assertions.assertThat;

import io.resourcepool.api.Bytes;
import io.resourcepool.api.JobId;
import io.resourcepool.api.JobSpec;
import io.resourcepool.api.spi.sandbox.OutputChannel;
import io.resourcepool.api.spi.store.JobRecord;
import io.resourcepool.core.protocol.JobMessage;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A worker's copy of what it sent restores the output a hub missed, and changes nothing when the hub has it all. */
class ActiveJobOutputCopyTest {
    private final JobId id = JobId.random();
    private final ActiveJob job = new ActiveJob(JobRecord.queued(id, JobSpec.of("true"), "alice", Instant.EPOCH), JobWatcher.NONE);

    @Test
    void aCopyOfWhatTheHubReceivedChangesNothing() {
        job.output(chunk("first\n"));
        job.output(chunk("second\n"));

        job.restore(JobMessage.OutputCopy.of(id, 1, 13, Bytes.utf8("first\nsecond\n")));

        assertThat(job.tail().last().asUtf8()).isEqualTo("first\nsecond\n");
    }

    @Test
    void aHubThatMissedOutputTakesTheWorkersCopyAfterANoteThatSaysSo() {
        job.output(chunk("first\n"));

        job.restore(JobMessage.OutputCopy.of(id, 1, 19, Bytes.utf8("first\nsecond\nthird\n")));
        job.output(chunk("fourth\n"));

        assertThat(job.tail().last().asUtf8()).isEqualTo("first\n"
                + "\n[the hub missed 13 bytes of this attempt's output; the worker's copy of its last 19 bytes follows]\n"
                + "first\nsecond\nthird\nfourth\n");
    }

    @Test
    void aRestartedHubThatHeardNothingTakesTheWholeCopy() {
        job.restore(JobMessage.OutputCopy.of(id, 1, 100_000, Bytes.utf8("the last of it\n")));

        assertThat(job.tail().last().asUtf8()).endsWith("missed 100000 bytes of this attempt's output; the worker's copy of its last 15 bytes follows]\n"
                + "the last of it\n");
    }

    private JobMessage.Output chunk(String text) {
        return new JobMessage.Output(id, 1, OutputChannel.STDOUT, Bytes.utf8(text));
    }
}
