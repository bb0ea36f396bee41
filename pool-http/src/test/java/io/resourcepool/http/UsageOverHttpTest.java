package io.resourcepool.http;

import static io.resourcepool.http.OpenApiContract.assertDocumented;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.resourcepool.api.NodeResources;
import io.resourcepool.api.Role;
import io.resourcepool.api.Secret;
import io.resourcepool.core.probe.FixedResourceProbe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /v1/usage}: each user's GPU time, over HTTPS on a real worker whose probe states two GPUs. The hub runs
 * on a manual clock, moved while the job runs, so the figure is exact.
 */
class UsageOverHttpTest {
    @TempDir
    static Path dir;

    private static GatewayFixture pool;

    @BeforeAll
    static void start() throws Exception {
        pool = GatewayFixture.start(dir);
        NodeResources.Gpu l4 = new NodeResources.Gpu(0, "GPU-0", "NVIDIA", "NVIDIA L4", 24L << 30, 0, 0.0, 30);
        pool.startWorker("gpu-w", Map.of(), new FixedResourceProbe(new NodeResources(4, 0.25, 8L << 30, 6L << 30, 100L << 30, 40L << 30,
                List.of(l4, new NodeResources.Gpu(1, "GPU-1", "NVIDIA", "NVIDIA L4", 24L << 30, 0, 0.0, 30)))));
        pool.addUser("grace", Role.COMPUTE_USER, Secret.of("grace-password-1"));
        pool.addUser("lin", Role.COMPUTE_USER, Secret.of("lin-password-1"));
    }

    @AfterAll
    static void stop() {
        pool.close();
    }

    @Test
    void eachUserSeesTheirOwnGpuTimeAndAnAdminEveryones() throws Exception {
        String grace = pool.login("grace", Secret.of("grace-password-1"));
        Path release = dir.resolve("release");
        String id = pool.post("/v1/jobs", grace, "{\"command\": [\"sh\", \"-c\", \"while [ ! -e '" + release + "' ]; do sleep 0.1; done\"],"
                + " \"limits\": {\"gpus\": 2}}").json().path("id").asText();
        await().atMost(Duration.ofSeconds(30)).until(() -> pool.get("/v1/jobs/" + id, grace).json().path("state").asText().equals("RUNNING"));
        pool.clock.advance(Duration.ofSeconds(10));
        Files.createFile(release);
        await().atMost(Duration.ofSeconds(30)).until(() -> pool.get("/v1/jobs/" + id, grace).json().path("state").asText().equals("SUCCEEDED"));

        Reply own = pool.get("/v1/usage", grace);
        assertThat(own.status()).isEqualTo(200);
        assertDocumented("GET", "/v1/usage", own);
        assertThat(own.json().path("users").toString()).isEqualTo("[{\"username\":\"grace\",\"gpuSeconds\":20.0}]");
        assertThat(pool.get("/v1/usage", pool.login("lin", Secret.of("lin-password-1"))).json().path("users").size()).isZero();
        assertThat(pool.get("/v1/usage", pool.adminToken()).json().path("users").findValuesAsText("username")).containsExactly("grace");
    }
}
