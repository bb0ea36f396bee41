package io.resourcepool.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.resourcepool.api.JobSpec;
import io.resourcepool.core.client.PoolClient;
import io.resourcepool.core.client.RunResult;
import io.resourcepool.http.api.Views;
import io.resourcepool.launcher.PoolCli.Outcome;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --output json} of every list and show command, read back with Jackson, against a real pool with a worker
 * and a finished job: one document each, an array for a list, with the HTTP API's field names.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class JsonOutputTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private LivePool pool;
    private PoolCli cli;
    private RunResult job;
    private String node;

    @BeforeAll
    void startPool(@TempDir Path dir) throws Exception {
        pool = new LivePool(dir, Map.of());
        cli = new PoolCli(pool, dir);
        node = pool.enrollWorker("w1").value();
        try (PoolClient admin = pool.admin()) {
            job = admin.run(JobSpec.of("sh", "-c", "echo hello-json"));
        }
        cli.login("admin", LivePool.ADMIN_PASSWORD.reveal());
    }

    @AfterAll
    void stopPool() {
        pool.close();
    }

    @Test
    void nodesAreAnArrayOfTheApisNodeShape() throws Exception {
        for (String[] args : List.of(new String[] {"nodes", "-o", "json"}, new String[] {"nodes", "--long", "--output", "json"})) {
            JsonNode nodes = json(args);
            assertThat(nodes.isArray()).isTrue();
            assertThat(nodes).hasSize(1);
            assertThat(fields(nodes.get(0))).containsExactlyElementsOf(components(Views.Node.class));
            assertThat(nodes.get(0).get("id").asText()).isEqualTo(node);
            assertThat(nodes.get(0).get("online").asBoolean()).isTrue();
            assertThat(nodes.get(0).get("resources").get("logicalCpus").asInt()).isPositive();
            assertThat(java.time.Instant.parse(nodes.get(0).get("certificateExpiresAt").asText())).isAfter(java.time.Instant.now());
        }
    }

    @Test
    void jobsAreAnArrayAndOneJobShowsItsOutput() throws Exception {
        JsonNode jobs = json("jobs", "-o", "json");
        assertThat(jobs.isArray()).isTrue();
        assertThat(jobs).hasSize(1);
        assertThat(fields(jobs.get(0))).containsExactlyElementsOf(components(Views.Job.class));
        assertThat(jobs.get(0).get("id").asText()).isEqualTo(job.job().toString());
        assertThat(jobs.get(0).get("outputTail").isNull()).isTrue();

        JsonNode one = json("job", job.job().toString(), "-o", "json");
        assertThat(one.isObject()).isTrue();
        assertThat(one.get("state").asText()).isEqualTo("SUCCEEDED");
        assertThat(one.get("exitCode").asInt()).isZero();
        assertThat(one.get("node").asText()).isEqualTo(node);
        assertThat(one.get("command").get(0).asText()).isEqualTo("sh");
        assertThat(one.get("outputTail").asText()).contains("hello-json");
    }

    @Test
    void statusIsTheApisAggregate() throws Exception {
        JsonNode status = json("status", "-o", "json");
        assertThat(fields(status)).containsExactlyElementsOf(components(Views.Aggregate.class));
        assertThat(status.get("onlineNodes").asInt()).isEqualTo(1);
        assertThat(status.get("memoryTotalBytes").asLong()).isPositive();
    }

    @Test
    void adminListingsAreArrays() throws Exception {
        JsonNode users = json("admin", "user", "list", "-o", "json");
        assertThat(fields(users.get(0))).containsExactlyElementsOf(components(Views.User.class));
        assertThat(users.findValuesAsText("username")).contains("admin");

        JsonNode tokens = json("admin", "join-token", "list", "-o", "json");
        assertThat(fields(tokens.get(0))).containsExactlyElementsOf(components(Views.JoinToken.class));
        assertThat(tokens.get(0).get("usedBy").asText()).isEqualTo(node);
        assertThat(tokens.toString()).doesNotContain("\"token\"");

        JsonNode audit = json("admin", "audit", "--limit", "5", "-o", "json");
        assertThat(audit.isArray()).isTrue();
        assertThat(audit).hasSize(5);
        assertThat(fields(audit.get(0))).containsExactly("sequence", "at", "actor", "action", "target", "sourceAddress", "detail");
        assertThat(audit.get(0).get("sequence").asLong()).isGreaterThan(audit.get(1).get("sequence").asLong());
    }

    @Test
    void textStaysTheDefaultAndAnUnknownFormatIsAUsageError() {
        Outcome text = cli.run("nodes");
        assertThat(text.out()).startsWith("NODE");
        Outcome yaml = cli.run("nodes", "-o", "yaml");
        assertThat(yaml.exitCode()).as(yaml.toString()).isEqualTo(2);
        assertThat(yaml.err()).contains("yaml").contains("text").contains("json");
    }

    private JsonNode json(String... args) throws Exception {
        Outcome outcome = cli.run(args);
        assertThat(outcome.exitCode()).as(outcome.toString()).isZero();
        // one document, nothing before or after it
        JsonNode tree = JSON.readTree(outcome.out());
        assertThat(outcome.out().strip()).isEqualTo(tree.toString());
        return tree;
    }

    private static List<String> fields(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<String> components(Class<? extends Record> view) {
        return Arrays.stream(view.getRecordComponents()).map(c -> c.getName()).toList();
    }
}
