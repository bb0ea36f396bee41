package io.resourcepool.launcher.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The soak with chaos, for two minutes, in separate processes: a hub (on a PostgreSQL of its own where initdb is
 * installed, which CI requires), real workers, a simulated fleet and client processes, with every kind of fault. It
 * passes only when the soak's own checks all held: nothing lost, the audit chain intact, the hub back to its
 * baseline, no thread stuck. The fleet is a hundred simulated workers, not the command's thousand, to keep the
 * test near two and a half minutes: enrolling a thousand takes minutes on a busy two-core machine.
 */
@Timeout(value = 8, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SoakBenchTest {

    @Test
    void twoMinutesOfLoadAndChaosLoseNothingAndLeaveTheHubAsItWas() {
        List<String> args = new ArrayList<>(List.of("bench", "soak", "--minutes", "2", "--fleet", "100", "--workers", "2", "--clients", "4",
                "--seed", "20261206"));
        if (BenchRun.privatePostgres()) {
            args.addAll(List.of("--store", "postgres"));
        }

        BenchRun run = BenchRun.of(args);

        String said = run.said();
        String out = run.out();
        int code = run.code();
        assertThat(out).as(said).doesNotContain("[FAILED]");
        assertThat(code).as(said).isZero();
        assertThat(out).as(said).contains("jobs lost:       0", "[ok] every accepted job ended exactly once",
                "[ok] no result lost", "[ok] audit chain verifies", "[ok] hub heap and open files back to baseline", "[ok] no thread left blocked",
                "[ok] reattached clients saw their job's end", "[ok] every fault injected",
                "hub_kill 1", "worker_kill 1", "worker_stop 1", "client_kill 1", "client_stop 1", "fleet_stop 1");
        if (args.contains("postgres")) {
            assertThat(out).as(said).contains("database_restart 1");
        }
    }
}
