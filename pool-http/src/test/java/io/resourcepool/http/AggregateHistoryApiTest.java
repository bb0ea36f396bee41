package io.resourcepool.http;

import static io.resourcepool.http.OpenApiContract.assertDocumented;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.resourcepool.api.Role;
import io.resourcepool.api.Secret;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /v1/aggregate/history} over HTTPS: the hub's samples of the last hour, oldest first, then the pool as it
 * is now; {@code since} for only the newer ones; for any session (a viewer's too), as the OpenAPI document says.
 */
class AggregateHistoryApiTest {
    private static final String PATH = "/v1/aggregate/history";

    @TempDir
    static Path dir;

    private static GatewayFixture pool;
    private static String viewer;

    @BeforeAll
    static void start() throws Exception {
        pool = GatewayFixture.start(dir);
        pool.startWorker("history-w", Map.of());
        pool.addUser("vera", Role.VIEWER, Secret.of("vera-password-1"));
        viewer = pool.login("vera", Secret.of("vera-password-1"));
    }

    @AfterAll
    static void stop() {
        pool.close();
    }

    private static List<JsonNode> samples(Reply reply) {
        List<JsonNode> samples = new ArrayList<>();
        reply.json().path("samples").forEach(samples::add);
        return samples;
    }

    @Test
    void theLastSampleIsThePoolNowAfterTheHubsOwnOldestFirst() {
        await().atMost(Duration.ofSeconds(10)).until(() -> samples(pool.get(PATH, viewer)).size() >= 2);
        Reply reply = pool.get(PATH, viewer);

        assertThat(reply.status()).isEqualTo(200);
        assertDocumented("GET", PATH, reply);
        assertThat(reply.json().path("intervalSeconds").asLong()).isEqualTo(10);
        assertThat(reply.json().path("windowSeconds").asLong()).isEqualTo(3600);
        List<JsonNode> samples = samples(reply);
        assertThat(samples).extracting(s -> Instant.parse(s.path("at").asText())).isSorted();
        JsonNode now = samples.get(samples.size() - 1);
        assertThat(now.path("onlineNodes").asInt()).isEqualTo(1);
        assertThat(now.path("logicalCpus").asLong()).isEqualTo(TestWorkers.RESOURCES.logicalCpus());
        assertThat(now.path("cpusInUse").asDouble()).isEqualTo(1.0);
        assertThat(now.path("memoryTotalBytes").asLong()).isEqualTo(8L << 30);
        assertThat(now.path("memoryInUseBytes").asLong()).isEqualTo(2L << 30);
    }

    @Test
    void sinceLeavesOutTheSamplesTakenBefore() {
        List<JsonNode> all = samples(pool.get(PATH + "?since=1970-01-01T00:00:00Z", viewer));
        List<JsonNode> none = samples(pool.get(PATH + "?since=2100-01-01T00:00:00Z", viewer));

        assertThat(all).isNotEmpty();
        assertThat(none).singleElement().satisfies(now -> assertThat(now.path("onlineNodes").asInt()).isEqualTo(1));
    }

    @Test
    void aSinceThatIsNoTimeIsRefusedNamingIt() {
        Reply refused = pool.get(PATH + "?since=yesterday", viewer);

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().path("field").asText()).isEqualTo("since");
        assertDocumented("GET", PATH, refused);
    }

    @Test
    void unknownParametersAndMissingTokensAreRefused() {
        assertThat(pool.get(PATH + "?from=now", viewer).status()).isEqualTo(400);
        Reply anonymous = pool.get(PATH, "");
        assertThat(anonymous.status()).isEqualTo(401);
        assertDocumented("GET", PATH, anonymous);
    }
}
