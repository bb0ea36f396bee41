package io.resourcepool.launcher.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The open-file limit: read from {@code /proc/PID/limits}, and the message when it leaves no room for a fleet. */
class OpenFileLimitTest {
    private static final String PROC_LIMITS = """
            Limit                     Soft Limit           Hard Limit           Units
            Max cpu time              unlimited            unlimited            seconds
            Max processes             94885                94885                processes
            Max open files            1024                 524288               files
            Max locked memory         8388608              8388608              bytes
            """;

    @Test
    void theLimitsAreReadFromProcLimits() {
        assertThat(OpenFileLimit.parse(PROC_LIMITS)).contains(new OpenFileLimit(1024, 524_288));
        assertThat(OpenFileLimit.parse(PROC_LIMITS.replace("1024                 524288", "unlimited            unlimited")))
                .contains(new OpenFileLimit(Long.MAX_VALUE, Long.MAX_VALUE));
        assertThat(OpenFileLimit.parse("Max processes  1  1  processes\n")).isEmpty();
    }

    @Test
    void thisProcessHasALimitRaisedToItsHardLimit() {
        OpenFileLimit current = OpenFileLimit.current();

        assertThat(current.soft()).isPositive();
        if (current.hard() != OpenFileLimit.UNKNOWN && current.hard() < Long.MAX_VALUE) {
            // the JVM raises its soft limit to the hard one as it starts (Linux)
            assertThat(current.soft()).isEqualTo(current.hard());
        }
    }

    @Test
    void aLimitBelowTheFleetSaysTheLimitAndHowToRaiseIt() {
        OpenFileLimit low = new OpenFileLimit(1024, 524_288);

        assertThat(low.connections()).isEqualTo(1024 - OpenFileLimit.RESERVE);
        assertThat(low.shortfall(OpenFileLimit.FLEET, "this hub", true)).hasValueSatisfying(message -> assertThat(message).contains(
                "open-file limit 1024", "this hub can hold about 768 connections", "fewer than the 10000 needed", "raise it to 10256 or more",
                "`ulimit -n 10256`", "the hard limit, 524288, allows it", "LimitNOFILE=65536"));
    }

    @Test
    void aHardLimitTooLowSaysItNeedsRoot() {
        assertThat(new OpenFileLimit(4096, 4096).shortfall(OpenFileLimit.FLEET, "this hub", true)).hasValueSatisfying(message ->
                assertThat(message).contains("open-file limit 4096", "after raising the hard limit (4096) as root", "/etc/security/limits.conf"));
        assertThat(new OpenFileLimit(4096, OpenFileLimit.UNKNOWN).shortfall(OpenFileLimit.FLEET, "this hub", true)).hasValueSatisfying(message ->
                assertThat(message).contains("after raising the hard limit as root"));
    }

    @Test
    void theMessageIsTheOneDocumented() {
        // docs/OPERATIONS.md, "The open-file limit", shows this message word for word
        assertThat(new OpenFileLimit(4096, 4096).shortfall(OpenFileLimit.FLEET, "this hub", true)).contains("open-file limit 4096: this hub can hold"
                + " about 3840 connections of workers and clients, fewer than the 10000 needed; raise it to 10256 or more: `ulimit -n 10256` in the"
                + " shell that starts it, after raising the hard limit (4096) as root (`nofile` in /etc/security/limits.conf, or `ulimit -Hn` in a"
                + " root shell), or LimitNOFILE=65536 in its systemd unit");
    }

    @Test
    void aCommandThatIsNoServiceIsNotToldOfSystemdUnits() {
        assertThat(new OpenFileLimit(2000, 20_000).shortfall(5016, "the fleet bench's hub", false)).contains("open-file limit 2000: the fleet"
                + " bench's hub can hold about 1744 connections of workers and clients, fewer than the 5016 needed; raise it to 5272 or more:"
                + " `ulimit -n 5272` in the shell that starts it (the hard limit, 20000, allows it)");
    }

    @Test
    void aLimitWithRoomForTheFleetSaysNothing() {
        assertThat(new OpenFileLimit(20_000, 20_000).shortfall(OpenFileLimit.FLEET, "this hub", true)).isEmpty();
        assertThat(new OpenFileLimit(OpenFileLimit.FLEET + OpenFileLimit.RESERVE, OpenFileLimit.UNKNOWN).shortfall(OpenFileLimit.FLEET, "this hub", true))
                .isEmpty();
        assertThatThrownBy(() -> new OpenFileLimit(-1, 5)).isInstanceOf(IllegalArgumentException.class);
    }
}
