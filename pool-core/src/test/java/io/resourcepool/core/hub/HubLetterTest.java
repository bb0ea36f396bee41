package io.resourcepool.core.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.resourcepool.api.Bytes;
import io.resourcepool.api.HubId;
import io.resourcepool.api.JobId;
import io.resourcepool.api.spi.sandbox.OutputChannel;
import io.resourcepool.api.spi.store.HandoverMessage;
import io.resourcepool.core.protocol.JobMessage;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Letters between hubs survive the handover queue's payload as they were written, and a garbled one is refused. */
class HubLetterTest {
    private static final HubId FROM = HubId.of("hub-a");
    private static final JobId JOB = JobId.random();

    @Test
    void aCancelKeepsWhoAskedForIt() {
        HubLetter cancel = new HubLetter(HubLetter.CANCEL, FROM, 0, JOB, "alice", Optional.empty());

        assertThat(roundTrip(cancel)).isEqualTo(cancel);
    }

    @Test
    void anEventCarriesTheProtocolsOwnMessageWithItsBytes() {
        byte[] binary = {0, 1, 2, (byte) 0xff, '\n'};
        HubLetter output = HubLetter.event(FROM, 42, JOB, new JobMessage.Output(JOB, 1, OutputChannel.STDERR, Bytes.copyOf(binary)));
        HubLetter result = HubLetter.event(FROM, 42, JOB, new JobMessage.Result(JOB.toString(), 1, "FAILED", true, 3, false, "exit 3"));

        HubLetter readOutput = roundTrip(output);
        assertThat(readOutput.watch()).isEqualTo(42);
        assertThat(readOutput.event()).get().isInstanceOfSatisfying(JobMessage.Output.class, o -> {
            assertThat(o.channel()).isEqualTo(OutputChannel.STDERR);
            assertThat(o.data().toByteArray()).containsExactly(binary);
        });
        assertThat(roundTrip(result)).isEqualTo(result);
    }

    @Test
    void aPayloadThatIsNotALetterIsRefusedNamingTheMessage() {
        HandoverMessage garbled = new HandoverMessage(7, HubId.of("hub-b"), HubLetter.QUEUED, Bytes.utf8("not a letter"), Instant.EPOCH);

        assertThatThrownBy(() -> HubLetter.read(garbled)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("handover message 7 (job.queued) is not readable");
    }

    private static HubLetter roundTrip(HubLetter letter) {
        return HubLetter.read(new HandoverMessage(1, HubId.of("hub-b"), letter.kind(), letter.payload(), Instant.EPOCH));
    }
}
