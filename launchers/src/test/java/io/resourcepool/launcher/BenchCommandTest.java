package io.resourcepool.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** The benchmarks run and report every figure they promise; timings themselves are never asserted. */
class BenchCommandTest {

    private static String[] run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = PoolCommand.commandLine(new PrintWriter(out, true), new PrintWriter(err, true), args).execute(args);
        return new String[] {Integer.toString(code), out.toString(), err.toString()};
    }

    @Test
    void poolBenchReportsLoginResumeRoundTripAndThroughputWithNothingFailed() {
        String[] r = run("bench", "pool", "--workers", "1", "--clients", "2", "--logins", "2", "--round-trips", "5", "--seconds", "1",
                "--bcrypt-cost", "10");

        assertThat(r[0]).as(r[2]).isEqualTo("0");
        assertThat(r[1]).contains("login (bcrypt cost 10)", "session resume", "round trip of `true`", "2 clients running `true`",
                "commands/s", ", 0 failed)", "p50", "p99");
        // each figure beside the limit measured in the same run, and its ratio to it
        assertThat(r[1]).contains("bare ProcessBuilder(\"/bin/true\")", "2 threads starting /bin/true", "bare TLS 1.3 echo round trip",
                "2 TLS echo connections");
        assertThat(r[1].lines().filter(l -> l.startsWith("session resume") || l.startsWith("round trip of") || l.startsWith("throughput")))
                .hasSize(3).allMatch(l -> l.matches(".*\\(\\d+\\.\\d\\d× the limit\\)$"));
    }

    @Test
    void hubOnlyBenchStartsNoProcessAndSaysSo() {
        String[] r = run("bench", "pool", "--hub-only", "--workers", "1", "--clients", "2", "--logins", "1", "--round-trips", "5",
                "--seconds", "1", "--bcrypt-cost", "10");

        assertThat(r[0]).as(r[2]).isEqualTo("0");
        assertThat(r[1]).contains("no process per command", ", 0 failed)");
    }

    @Test
    void jobsBenchReportsThroughputAndQueueToStartAndFindsEveryJobEndedOnce() {
        String[] r = run("bench", "jobs", "--jobs", "40", "--clients", "4", "--workers", "2", "--limit-seconds", "1");

        assertThat(r[0]).as(r[1] + r[2]).isEqualTo("0");
        assertThat(r[1]).contains("submitted 40 jobs", "jobs/s", "submit round trip", "queue to start (store)", "SUCCEEDED 40",
                "exactly once                 yes: 40 jobs", "4 threads starting /bin/true", "× the limit)");
    }

    @Test
    void httpBenchReportsBothEndpointsWithEveryRequestAnswered() {
        String[] r = run("bench", "http", "--clients", "4", "--seconds", "1", "--warm-up", "1", "--workers", "1", "--rate", "200");

        assertThat(r[0]).as(r[2]).isEqualTo("0");
        assertThat(r[1]).contains("4 keep-alive HTTPS clients", "GET 404, no hub", "GET 404, again", "GET /v1/aggregate", "POST /v1/run of true",
                "requests/s", "p95");
        // the 404 before and after the aggregate, the aggregate, both again open loop at 200/s, and the run
        assertThat(r[1].lines().filter(l -> l.contains("requests/s")).toList()).hasSize(6).allMatch(l -> l.contains(", 0 not)"));
        assertThat(r[1].lines().filter(l -> l.contains("200 requests/s offered open loop")).toList()).hasSize(2);
        assertThat(r[1].lines().filter(l -> l.contains("the limit being the 404 ceiling")).toList()).hasSize(2);
        assertThat(r[1].lines().filter(l -> l.contains("at the same rate, the limit being the 404's")).toList()).hasSize(1);
        assertThat(r[1]).contains("4 threads starting /bin/true", "of the 4 threads starting /bin/true");
    }

    @Test
    void connectionBenchHoldsTheConnectionsItOpened() {
        String[] r = run("bench", "connections", "--count", "40", "--in-flight", "8");

        assertThat(r[0]).as(r[2]).isEqualTo("0");
        assertThat(r[1]).contains("40 TLS 1.3 connections", "connected 40 in", "0 failed", "KiB per connection");
    }
}
