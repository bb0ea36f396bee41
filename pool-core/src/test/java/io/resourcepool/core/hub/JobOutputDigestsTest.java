package io.resourcepool.core.hub;

import static org.assertj.core.api.Assertions.assertThat;

import io.resourcepool.api.Bytes;
import io.resourcepool.api.JobId;
import io.resourcepool.api.JobSpec;
import io.resourcepool.api.spi.sandbox.OutputChannel;
import io.resourcepool.api.spi.store.JobRecord;
import io.resourcepool.core.protocol.JobMessage;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The digests of a job's output, for its job.finished row: of stdout and stderr apart, and honest about gaps. */
class JobOutputDigestsTest {
    private final JobId id = JobId.random();
    private final ActiveJob job = new ActiveJob(JobRecord.queued(id, JobSpec.of("true"), "alice", Instant.EPOCH), JobWatcher.NONE);

    @Test
    void stdoutAndStderrAreDigestedApartAsReceived() throws Exception {
        job.output(chunk(OutputChannel.STDOUT, "hello "));
        job.output(chunk(OutputChannel.STDERR, "warning\n"));
        job.output(chunk(OutputChannel.STDOUT, "world\n"));

        assertThat(job.digests().summary()).isEqualTo("stdout sha256 " + sha256("hello world\n") + " (12 bytes), stderr sha256 "
                + sha256("warning\n") + " (8 bytes)");
    }

    @Test
    void digestsOfOutputTheHubPartlyMissedSaySo() {
        job.output(chunk(OutputChannel.STDOUT, "first\n"));

        job.restore(JobMessage.OutputCopy.of(id, 1, 19, Bytes.utf8("first\nsecond\nthird\n")));

        assertThat(job.digests().summary()).endsWith("(6 bytes), stderr sha256 " + "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
                + " (0 bytes), of the part the hub received (it missed some)");
    }

    @Test
    void aRetriedAttemptStartsItsOwnDigests() {
        JobRecord running = JobRecord.queued(id, JobSpec.of("true"), "alice", Instant.EPOCH);
        ActiveJob restarted = new ActiveJob(running, JobWatcher.NONE);
        restarted.output(chunk(OutputChannel.STDOUT, "attempt one\n"));
        restarted.placedOn(io.resourcepool.api.NodeId.of("n1"), Instant.EPOCH);
        restarted.moveTo(ActiveJob.Phase.WAITING, ActiveJob.Phase.RUNNING);

        assertThat(restarted.claimForRequeue()).isTrue();
        restarted.requeue(Instant.EPOCH);

        assertThat(restarted.digests().summary()).startsWith("stdout sha256 " + "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
                + " (0 bytes)");
    }

    private JobMessage.Output chunk(OutputChannel channel, String text) {
        return new JobMessage.Output(id, 1, channel, Bytes.utf8(text));
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
