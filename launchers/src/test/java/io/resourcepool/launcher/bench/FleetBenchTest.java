package io.resourcepool.launcher.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.resourcepool.launcher.PoolCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The fleet bench on a small fleet, in separate processes as at 10,000: a hub, and 20 enrolled workers in two fleet
 * processes. Its figures depend on the machine; what is checked is that each is measured and reported.
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class FleetBenchTest {

    @Test
    void aSmallFleetIsEnrolledAndTheHubsFiguresAreReported() {
        List<String> args = List.of("bench", "fleet", "--workers", "20", "--per-process", "10", "--heartbeat-interval", "1",
                "--window-seconds", "3", "--limit-seconds", "1", "--hub-heap", "256m");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int code = PoolCommand.commandLine(new PrintWriter(out, true), new PrintWriter(err, true), args.toArray(String[]::new))
                .execute(args.toArray(String[]::new));

        String said = out + "\n" + err;
        assertThat(code).as(said).isZero();
        assertThat(out.toString()).as(said)
                .contains("one hub (SQLite, -Xmx256m) and 20 enrolled workers in 2 processes of their own", "mutual TLS 1.3")
                .containsPattern("enrolled and registered 20 of 20 workers in \\d+ s")
                .containsPattern("hub heap after a full collection: [\\d.]+ MiB before the fleet, [\\d.]+ MiB with 20 workers: -?[\\d.]+ KiB per worker")
                .containsPattern("hub CPU over 3 s without clients: [\\d.]+ s for [1-9]\\d* heartbeats received \\(\\d+/s\\): \\d+ µs per heartbeat")
                .containsPattern("round trip of `true` on a fleet worker, one client, while 20 workers heartbeat +p50 +[\\d.]+ ms .*p99 +[\\d.]+ ms")
                .contains("limits, same run", "bare TLS 1.3 echo round trip")
                .containsPattern("round trip of `true` on a fleet worker \\([\\d.]+× the limit\\) of a bare TLS round trip");
    }
}
