package io.resourcepool.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.resourcepool.api.AuthenticationException;
import io.resourcepool.api.BusyException;
import io.resourcepool.api.JobState;
import io.resourcepool.api.NodeId;
import io.resourcepool.api.Role;
import io.resourcepool.api.Secret;
import io.resourcepool.core.client.NodeInfo;
import io.resourcepool.core.client.PoolClient;
import io.resourcepool.core.client.RunResult;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two hundred wrong logins at once, each on its own TLS connection, against a real pool with a worker
 * heartbeating and a job running: the job finishes, the worker stays online, and every stranger is told
 * "login failed" or "busy", nothing else. The per-address limits (failed logins, unauthenticated connections) are
 * raised for this test, because every peer here shares 127.0.0.1 with the legitimate user; what keeps the hub serving is the bounded bcrypt pool.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class LoginFloodTest {
    private static final int STRANGERS = 200;

    @Test
    void aFloodOfWrongLoginsStarvesNeitherTheWorkerNorTheJobNorTheNextHonestLogin(@TempDir Path dir) throws Exception {
        try (LivePool pool = new LivePool(dir, Map.of("auth.login-failures-per-address", "100000",
                "hub.max-startups", "1000", "hub.per-source-max-startups", "1000"));
                ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            NodeId node = pool.enrollWorker("w");
            Future<RunResult> job = threads.submit(() -> {
                try (PoolClient admin = pool.admin()) {
                    return admin.run(node, List.of("sleep", "2"));
                }
            });
            awaitRunningJob(pool, node);

            Map<String, Long> answers = flood(pool, threads);

            assertThat(answers.keySet()).isSubsetOf("AUTH_FAILED", "BUSY");
            assertThat(answers.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(STRANGERS);
            assertThat(job.get(60, TimeUnit.SECONDS).state()).isEqualTo(JobState.SUCCEEDED);
            try (PoolClient admin = pool.admin()) {
                assertThat(admin.role()).contains(Role.ADMIN);
                assertThat(admin.nodes()).filteredOn(n -> n.id().equals(node)).singleElement().extracting(NodeInfo::online).isEqualTo(true);
            }
        }
    }

    private static Map<String, Long> flood(LivePool pool, ExecutorService threads) throws Exception {
        List<Future<String>> outcomes = new ArrayList<>();
        for (int i = 0; i < STRANGERS; i++) {
            String name = "stranger" + i;
            outcomes.add(threads.submit(() -> wrongLogin(pool, name)));
        }
        Map<String, Long> counted = new HashMap<>();
        for (Future<String> outcome : outcomes) {
            counted.merge(outcome.get(60, TimeUnit.SECONDS), 1L, Long::sum);
        }
        return counted;
    }

    private static String wrongLogin(LivePool pool, String name) {
        try (PoolClient stranger = pool.connect()) {
            stranger.login(name, Secret.of("wrong-password-" + name));
            return "LOGGED_IN";
        } catch (AuthenticationException e) {
            return "AUTH_FAILED";
        } catch (BusyException e) {
            return "BUSY";
        } catch (RuntimeException e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }

    /** Waits until the worker reports the job running, so that the flood meets it mid-way. */
    private static void awaitRunningJob(LivePool pool, NodeId node) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        try (PoolClient admin = pool.admin()) {
            while (admin.nodes().stream().noneMatch(n -> n.id().equals(node) && n.runningJobs() > 0)) {
                assertThat(Instant.now()).as("the job starts within 30 s").isBefore(deadline);
                Thread.onSpinWait();
            }
        }
    }
}
