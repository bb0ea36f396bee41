package io.resourcepool.core.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.resourcepool.api.FrameException;
import io.resourcepool.api.TransportException;
import io.resourcepool.core.protocol.JobMessage;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/**
 * A run's wait that ends in a lost connection says how to reattach once the job was accepted (the hub does not stop
 * a job whose client left, nor one it cut off for not reading past its write timeout), and says nothing of a job that
 * was never accepted.
 */
class RunCollectorTest {
    private static final String JOB = "0b5d7a52-6f2c-4a43-9d55-2f0f7f0c3e11";

    @Test
    void aConnectionLostAfterTheJobWasAcceptedNamesHowToReattach() {
        RunCollector collector = new RunCollector((channel, chunk) -> {}, false);
        collector.accepted(new JobMessage.Accepted(7, JOB, "node-1"));

        collector.failed(new TransportException("the connection to the hub broke"));

        assertThatThrownBy(() -> collector.done().get()).isInstanceOf(ExecutionException.class).cause()
                .isInstanceOf(TransportException.class)
                .hasMessage("the connection to the hub broke; `pool logs --follow " + JOB + "` reattaches to job " + JOB
                        + " (a client that leaves does not stop it)");
    }

    @Test
    void aConnectionCutPartWayThroughAFrameAfterTheJobWasAcceptedNamesHowToReattach() {
        RunCollector collector = new RunCollector((channel, chunk) -> {}, false);
        collector.accepted(new JobMessage.Accepted(7, JOB, "node-1"));

        collector.failed(new FrameException(FrameException.Reason.TRUNCATED, "connection from 127.0.0.1:7443 ended part way through a frame of 8213 bytes"));

        assertThatThrownBy(() -> collector.done().get()).isInstanceOf(ExecutionException.class).cause()
                .isInstanceOf(TransportException.class)
                .hasMessage("connection from 127.0.0.1:7443 ended part way through a frame of 8213 bytes; `pool logs --follow " + JOB
                        + "` reattaches to job " + JOB + " (a client that leaves does not stop it)");
    }

    @Test
    void aFailureBeforeAcceptanceOrOfAnotherKindIsPassedOnAsItIs() {
        TransportException lost = new TransportException("the connection to the hub broke");
        RunCollector unaccepted = new RunCollector((channel, chunk) -> {}, false);
        unaccepted.failed(lost);
        OutputDroppedException dropped = new OutputDroppedException("output dropped: this client fell behind");
        RunCollector accepted = new RunCollector((channel, chunk) -> {}, false);
        accepted.accepted(new JobMessage.Accepted(7, JOB, "node-1"));
        accepted.failed(dropped);
        FrameException corrupt = new FrameException(FrameException.Reason.BAD_MAGIC, "bad magic");
        RunCollector garbled = new RunCollector((channel, chunk) -> {}, false);
        garbled.accepted(new JobMessage.Accepted(7, JOB, "node-1"));
        garbled.failed(corrupt);

        assertThat(unaccepted.done()).failsWithin(java.time.Duration.ZERO).withThrowableThat().havingCause().isSameAs(lost);
        assertThat(accepted.done()).failsWithin(java.time.Duration.ZERO).withThrowableThat().havingCause().isSameAs(dropped);
        assertThat(garbled.done()).failsWithin(java.time.Duration.ZERO).withThrowableThat().havingCause().isSameAs(corrupt);
    }
}
