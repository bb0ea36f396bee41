package io.resourcepool.http;

import static io.resourcepool.http.OpenApiContract.assertDocumented;
import static io.resourcepool.http.OpenApiContract.assertFits;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.resourcepool.api.NodeId;
import io.resourcepool.api.Role;
import io.resourcepool.api.Secret;
import io.resourcepool.http.server.Json;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Jobs over HTTPS on real workers running real processes: a short command run and waited for, a detached job
 * submitted, listed, read and cancelled, placement by node and by labels, and a job's output as a live event stream
 * (output as it comes, then the result) or, once it has ended, its tail and result at once.
 */
class JobsOverHttpTest {
    @TempDir
    static Path dir;

    private static GatewayFixture pool;
    private static String carol;
    private static NodeId gpuNode;

    @BeforeAll
    static void start() throws Exception {
        pool = GatewayFixture.start(dir);
        pool.startWorker("plain-w", Map.of("zone", "lab"));
        gpuNode = pool.startWorker("gpu-w", Map.of("zone", "lab", "gpu", "a100"));
        pool.addUser("carol", Role.COMPUTE_USER, Secret.of("carol-password-1"));
        carol = pool.login("carol", Secret.of("carol-password-1"));
    }

    @AfterAll
    static void stop() {
        pool.close();
    }

    @Test
    void aShortCommandRunsAndAnswersItsOutputAndExitCode() {
        Reply reply = pool.post("/v1/run", carol, "{\"command\":[\"sh\",\"-c\",\"echo out; echo err >&2; echo $GREETING; exit 3\"],"
                + "\"environment\":{\"GREETING\":\"hello\"}}");

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        assertDocumented("POST", "/v1/run", reply);
        assertThat(reply.json().path("state").asText()).isEqualTo("FAILED");
        assertThat(reply.json().path("exitCode").asInt()).isEqualTo(3);
        assertThat(reply.json().path("stdout").asText()).isEqualTo("out\nhello\n");
        assertThat(reply.json().path("stderr").asText()).isEqualTo("err\n");
    }

    @Test
    void aJobGoesWhereItsNodeOrLabelsSay() {
        Reply named = pool.post("/v1/run", carol, "{\"command\":[\"true\"],\"node\":\"" + gpuNode + "\"}");
        Reply labelled = pool.post("/v1/run", carol, "{\"command\":[\"pwd\"],\"labels\":{\"gpu\":\"a100\"},\"workingDirectory\":\"build/out\"}");

        assertThat(named.json().path("node").asText()).isEqualTo(gpuNode.value());
        assertThat(labelled.json().path("node").asText()).isEqualTo(gpuNode.value());
        assertThat(labelled.json().path("stdout").asText()).endsWith("/build/out\n");
    }

    @Test
    void aDetachedJobIsSubmittedListedReadAndItsOutputReplayedOnceEnded() {
        Reply submitted = pool.post("/v1/jobs", carol, "{\"command\":[\"sh\",\"-c\",\"echo one; echo two >&2\"],\"limits\":{\"timeoutSeconds\":30}}");
        assertThat(submitted.status()).isEqualTo(202);
        assertDocumented("POST", "/v1/jobs", submitted);
        String id = submitted.json().path("id").asText();
        assertThat(submitted.header("Location")).contains("/v1/jobs/" + id);

        await().atMost(Duration.ofSeconds(30)).until(() -> pool.get("/v1/jobs/" + id, carol).json().path("state").asText().equals("SUCCEEDED"));
        Reply job = pool.get("/v1/jobs/" + id, carol);
        assertDocumented("GET", "/v1/jobs/{id}", job);
        assertThat(job.json().path("outputTail").asText()).contains("one\n", "two\n");
        assertThat(job.json().path("exitCode").asInt()).isZero();
        Reply listed = pool.get("/v1/jobs?state=succeeded&limit=50", carol);
        assertDocumented("GET", "/v1/jobs", listed);
        assertThat(listed.json().path("jobs").findValuesAsText("id")).contains(id);

        List<Event> replay = events(id, carol);
        assertThat(replay).extracting(Event::name).endsWith("result");
        assertThat(text(replay)).contains("one\n", "two\n");
        assertFits("ResultEvent", replay.get(replay.size() - 1).data());
        assertThat(replay.get(replay.size() - 1).data().path("state").asText()).isEqualTo("SUCCEEDED");
    }

    @Test
    void theOutputStreamIsLiveAndEndsWithTheResultWhenTheJobIsCancelled() throws Exception {
        String id = pool.post("/v1/jobs", carol, "{\"command\":[\"sh\",\"-c\",\"echo started; exec sleep 300\"]}").json().path("id").asText();
        HttpResponse<java.io.InputStream> stream = pool.http.send(pool.request("/v1/jobs/" + id + "/output", carol).GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(stream.statusCode()).isEqualTo(200);
        assertThat(stream.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/event-stream"));

        try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
            List<Event> seen = new ArrayList<>();
            readUntil(lines, seen, "output");
            assertThat(text(seen)).isEqualTo("started\n");

            Reply cancel = pool.postEmpty("/v1/jobs/" + id + "/cancel", carol);
            assertThat(cancel.status()).isEqualTo(202);
            assertDocumented("POST", "/v1/jobs/{id}/cancel", cancel);

            readUntil(lines, seen, "result");
            assertThat(seen.get(seen.size() - 1).data().path("state").asText()).isEqualTo("CANCELLED");
            assertThat(lines.lines().toList()).as("the stream ends after the result").allMatch(String::isEmpty);
        }
        Reply again = pool.postEmpty("/v1/jobs/" + id + "/cancel", carol);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.problemKind()).isEqualTo("conflict");
    }

    @Test
    void theRelayUnderTheStreamPassesOutputOnAndKeepsNoneOfIt() {
        String id = pool.post("/v1/run", carol, "{\"command\":[\"sh\",\"-c\",\"echo kept-nowhere\"]}").json().path("id").asText();
        StringBuilder passed = new StringBuilder();

        io.resourcepool.core.client.RunResult relayed;
        try (io.resourcepool.core.client.PoolClient admin = pool.admin()) {
            relayed = admin.relay(io.resourcepool.api.JobId.parse(id), (channel, chunk) -> passed.append(chunk.asUtf8()));
        }

        assertThat(passed.toString()).isEqualTo("kept-nowhere\n");
        assertThat(relayed.stdout().isEmpty()).isTrue();
        assertThat(relayed.state().name()).isEqualTo("SUCCEEDED");
    }

    @Test
    void outputCutInTheMiddleOfACharacterArrivesWhole() {
        Reply reply = pool.post("/v1/run", carol, "{\"command\":[\"printf\",\"gr\\u00fc\\u00dfe \\u2713\"]}");

        assertThat(reply.json().path("stdout").asText()).isEqualTo("grüße ✓");
    }

    /** One server-sent event. */
    record Event(String name, JsonNode data) {}

    private static List<Event> events(String id, String token) {
        Reply reply = pool.get("/v1/jobs/" + id + "/output", token);
        assertThat(reply.status()).isEqualTo(200);
        List<Event> events = new ArrayList<>();
        try (BufferedReader lines = new BufferedReader(new java.io.StringReader(reply.body()))) {
            readUntil(lines, events, "result");
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        return events;
    }

    private static void readUntil(BufferedReader lines, List<Event> into, String last) throws java.io.IOException {
        String name = "";
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            if (line.startsWith("event: ")) {
                name = line.substring(7);
            } else if (line.startsWith("data: ")) {
                JsonNode data = Json.mapper().readTree(line.substring(6));
                into.add(new Event(name, data));
                if (name.equals("output")) {
                    assertFits("OutputEvent", data);
                }
                if (name.equals(last)) {
                    return;
                }
            }
        }
        throw new AssertionError("the stream ended before a " + last + " event; saw " + into);
    }

    private static String text(List<Event> events) {
        StringBuilder all = new StringBuilder();
        events.stream().filter(e -> e.name().equals("output")).forEach(e -> all.append(e.data().path("text").asText()));
        return all.toString();
    }
}
