package io.resourcepool.core.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.resourcepool.api.PoolException;
import io.resourcepool.core.protocol.ControlMessage;
import io.resourcepool.core.protocol.ErrorCode;
import org.junit.jupiter.api.Test;

/** A request the hub refuses is told apart from a failure on the hub, so callers can say whose fault it is. */
class RemoteErrorsTest {

    private static PoolException answer(ErrorCode code, String message) {
        return RemoteErrors.toException(new ControlMessage.Error(7, code.name(), message, 0));
    }

    @Test
    void badRequestBecomesARefusalWithTheHubsReason() {
        PoolException refused = answer(ErrorCode.BAD_REQUEST, "node lab-1 is drained");

        assertThat(refused).isInstanceOf(RequestRefusedException.class).hasMessage("node lab-1 is drained");
    }

    @Test
    void aFailureOnTheHubIsNoRefusal() {
        PoolException failed = answer(ErrorCode.INTERNAL, "the hub could not complete the request");

        assertThat(failed).isNotInstanceOf(RequestRefusedException.class).hasMessageStartingWith("the hub failed: ");
    }
}
