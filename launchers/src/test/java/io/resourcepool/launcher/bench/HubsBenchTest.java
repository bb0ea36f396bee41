package io.resourcepool.launcher.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Three hub processes on one PostgreSQL (a cluster of the bench's own, which CI requires), three real workers and a
 * simulated fleet of thirty, twelve clients spread over the hubs, 10,000 jobs submitted while each hub in turn is
 * killed with SIGKILL and started again: it passes only when every accepted job ended exactly once and SUCCEEDED,
 * every end is audited with its output, the audit chain verifies, every session was taken by the other hubs, and every
 * worker was back online through another hub within the node timeout. Tagged {@code whole-machine}: it loads both cores
 * at full speed, so the build runs it after the module's other tests, alone (launchers' pom).
 */
@Tag("whole-machine")
@Timeout(value = 10, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class HubsBenchTest {

    @Test
    void tenThousandJobsThroughThreeHubsKilledOneAfterAnotherEachEndOnce() {
        Assumptions.assumeTrue(BenchRun.privatePostgres(), "PostgreSQL's initdb is not installed (/usr/lib/postgresql/*/bin); install the"
                + " postgresql package to run three hubs on a database of the bench's own");

        BenchRun run = BenchRun.of(List.of("bench", "hubs", "--hubs", "3", "--workers", "3", "--fleet", "30", "--clients", "12", "--jobs", "10000",
                "--kills", "3"));

        String said = run.said();
        String out = run.out();
        int code = run.code();
        assertThat(out).as(said).doesNotContain("[FAILED]");
        assertThat(code).as(said).isZero();
        assertThat(out).as(said).contains("jobs accepted:   10000", "[ok] every accepted job ended exactly once: 10000 jobs",
                "[ok] no accepted job lost: each SUCCEEDED: {SUCCEEDED=10000}", "[ok] audit chain verifies",
                "[ok] every job's end audited", "[ok] no result lost", "[ok] every session taken by the other hubs",
                "[ok] every worker back online through another hub within the node timeout: [", "killed hub-1", "killed hub-2", "killed hub-3");
    }
}
