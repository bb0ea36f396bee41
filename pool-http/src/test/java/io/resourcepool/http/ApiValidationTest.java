package io.resourcepool.http;

import static io.resourcepool.http.OpenApiContract.assertDocumented;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Flow;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Bodies and parameters are read strictly and refused with a message that names the field: malformed JSON, unknown
 * fields (nested ones too), wrong types, missing or null fields, a body where none is taken, other media types
 * (415), oversized bodies (413, declared or streamed); unknown paths and methods. A refused password never shows in
 * the answer, and the hub goes on serving everyone after bad input.
 */
class ApiValidationTest {
    @TempDir
    static Path dir;

    private static GatewayFixture pool;
    private static String admin;

    @BeforeAll
    static void start() {
        pool = GatewayFixture.start(dir, hub -> hub, http -> http.withMaxBodyBytes(4096));
        admin = pool.adminToken();
    }

    @AfterAll
    static void stop() {
        pool.close();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            malformed JSON            | {"command":["true"]             | /v1/jobs  |                  | not valid JSON
            trailing garbage          | {"command":["true"]} x          | /v1/jobs  |                  | not valid JSON
            duplicate field           | {"command":["true"],"command":["false"]} | /v1/jobs |      | given twice
            not an object             | ["true"]                        | /v1/jobs  |                  | must be a JSON object
            unknown field             | {"command":["true"],"comand":1} | /v1/jobs  | comand           | unknown field 'comand'
            unknown nested field      | {"command":["true"],"limits":{"cpu":1}} | /v1/jobs | limits.cpu | unknown field 'limits.cpu'
            missing field             | {"node":"x"}                    | /v1/jobs  | command          | field 'command' is required
            command of wrong type     | {"command":"true"}              | /v1/jobs  | command          | must be an array of strings, not a string
            argument of wrong type    | {"command":["echo",1]}          | /v1/jobs  | command[1]       | must be a string, not a whole number
            fraction for a whole      | {"command":["true"],"limits":{"cpus":1.5}} | /v1/run | limits.cpus | must be a whole number, not a fractional number
            string for a whole        | {"command":["true"],"retries":"1"} | /v1/jobs | retries        | must be a whole number, not a string
            number out of range       | {"command":["true"],"limits":{"timeoutSeconds":601}} | /v1/run | limits.timeoutSeconds | must be between 1 and 600
            null value                | {"command":["true"],"node":null} | /v1/jobs | node             | must not be null
            both node and labels      | {"command":["true"],"node":"a","labels":{"b":"c"}} | /v1/jobs | labels | either node or labels
            empty labels              | {"command":["true"],"labels":{}} | /v1/jobs | labels           | at least one label
            label of wrong type       | {"command":["true"],"labels":{"gpu":true}} | /v1/jobs | labels.gpu | must be a string, not a boolean
            network of wrong type     | {"command":["true"],"network":"yes"} | /v1/jobs | network | must be true or false, not a string
            bad node name             | {"command":["true"],"node":"Not A Node"} | /v1/jobs | node     | is not valid
            empty command             | {"command":[]}                  | /v1/jobs  |                  | command must name a program
            unknown role              | {"username":"x","role":"root","password":"password-1"} | /v1/users | role | role 'root' is unknown
            """)
    void aBadBodyIsRefusedNamingTheField(String what, String body, String path, String field, String message) {
        Reply reply = pool.post(path, admin, body);

        assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
        assertDocumented("POST", path, reply);
        assertThat(reply.problemKind()).isEqualTo("invalid-request");
        assertThat(reply.json().path("detail").asText()).contains(message);
        if (field != null) {
            assertThat(reply.json().path("field").asText()).isEqualTo(field);
        }
    }

    @Test
    void aRefusedLoginBodyNeverRepeatsThePassword() {
        Reply wrongType = pool.post("/v1/auth/login", "", "{\"username\":\"admin\",\"password\":[\"s3cret-in-a-list\"]}");
        Reply unknown = pool.post("/v1/auth/login", "", "{\"username\":\"admin\",\"password\":\"s3cret-value\",\"s3cret-value\":1}");
        Reply malformed = pool.post("/v1/auth/login", "", "{\"username\":\"admin\",\"password\":\"s3cret-unterminated}");

        assertThat(List.of(wrongType, unknown, malformed)).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.body()).doesNotContain("s3cret-in-a-list", "s3cret-unterminated");
        });
        assertThat(wrongType.json().path("field").asText()).isEqualTo("password");
    }

    @Test
    void aBodyOfAnotherMediaTypeIsAnswered415() {
        Reply text = pool.send(pool.request("/v1/jobs", admin).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("{\"command\":[\"true\"]}")).build());
        Reply none = pool.send(pool.request("/v1/jobs", admin).POST(HttpRequest.BodyPublishers.ofString("{\"command\":[\"true\"]}")).build());
        Reply latin1 = pool.send(pool.request("/v1/jobs", admin).header("Content-Type", "application/json; charset=iso-8859-1")
                .POST(HttpRequest.BodyPublishers.ofString("{\"command\":[\"true\"]}")).build());

        assertThat(List.of(text, none, latin1)).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(415);
            assertDocumented("POST", "/v1/jobs", r);
        });
        assertThat(pool.post("/v1/jobs", admin, "{\"command\":[\"true\"]}").status()).isEqualTo(202);
    }

    @Test
    void anOversizedBodyIsAnswered413WhetherItsLengthIsDeclaredOrNot() {
        String big = "{\"command\":[\"echo\",\"" + "x".repeat(5000) + "\"]}";
        Reply declared = pool.post("/v1/jobs", admin, big);
        Reply streamed = pool.send(pool.request("/v1/jobs", admin).header("Content-Type", "application/json")
                .POST(chunked(big.getBytes(StandardCharsets.UTF_8))).build());

        assertThat(declared.status()).isEqualTo(413);
        assertDocumented("POST", "/v1/jobs", declared);
        assertThat(declared.json().path("maxBodyBytes").asInt()).isEqualTo(4096);
        assertThat(streamed.status()).isEqualTo(413);
    }

    /** A body without a Content-Length, sent in chunks. */
    private static HttpRequest.BodyPublisher chunked(byte[] bytes) {
        HttpRequest.BodyPublisher inner = HttpRequest.BodyPublishers.ofByteArray(bytes);
        return new HttpRequest.BodyPublisher() {
            @Override
            public long contentLength() {
                return -1;
            }

            @Override
            public void subscribe(Flow.Subscriber<? super java.nio.ByteBuffer> subscriber) {
                inner.subscribe(subscriber);
            }
        };
    }

    @Test
    void aRefusedBodyLeavesTheConnectionReadyForTheNextRequestOrSaysItWillClose() throws Exception {
        try (SSLSocket raw = (SSLSocket) GatewayFixture.trusting(pool.ca).getSocketFactory().createSocket("127.0.0.1", pool.gateway.uri().getPort())) {
            OutputStream out = raw.getOutputStream();
            InputStream in = raw.getInputStream();
            String small = "<x/>";
            out.write(("POST /v1/jobs HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + admin + "\r\nContent-Type: text/xml\r\n"
                    + "Content-Length: " + small.length() + "\r\n\r\n" + small).getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertThat(answerHead(in)).startsWith("HTTP/1.1 415").doesNotContainIgnoringCase("connection: close");

            String big = "{\"command\":[\"" + "z".repeat(3 * 4096) + "\"]}";
            out.write(("POST /v1/jobs HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + admin + "\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + big.length() + "\r\n\r\n" + big).getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertThat(answerHead(in)).as("the same connection carried a second request").startsWith("HTTP/1.1 413").containsIgnoringCase("connection: close");
        }
    }

    /** Reads one answer's status line and headers, and its body by its Content-Length. */
    private static String answerHead(InputStream in) throws java.io.IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new AssertionError("the connection closed before an answer: " + head);
            }
            head.append((char) b);
        }
        java.util.regex.Matcher length = java.util.regex.Pattern.compile("(?i)content-length: (\\d+)").matcher(head);
        if (length.find()) {
            in.readNBytes(Integer.parseInt(length.group(1)));
        }
        return head.toString();
    }

    @Test
    void anEndpointThatTakesNoBodyRefusesOne() {
        Reply reply = pool.send(pool.request("/v1/auth/logout", admin).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build());

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().path("detail").asText()).contains("takes no request body");
    }

    @Test
    void unknownOrRepeatedQueryParametersAndBadFiltersAreRefused() {
        assertThat(pool.get("/v1/jobs?stat=RUNNING", admin).json().path("field").asText()).isEqualTo("stat");
        assertThat(pool.get("/v1/jobs?limit=5&limit=6", admin).json().path("detail").asText()).contains("more than once");
        assertThat(pool.get("/v1/jobs?limit=0", admin).json().path("field").asText()).isEqualTo("limit");
        assertThat(pool.get("/v1/jobs?state=DONE", admin).json().path("detail").asText()).contains("SUCCEEDED");
        assertThat(pool.get("/v1/nodes?verbose=1", admin).status()).isEqualTo(400);
        Reply fine = pool.get("/v1/jobs?state=queued&limit=5", admin);
        assertThat(fine.status()).isEqualTo(200);
        assertDocumented("GET", "/v1/jobs", fine);
    }

    @Test
    void unknownPathsAreAnswered404AndUnknownMethods405WithAllow() {
        Reply unknown = pool.get("/v1/jobz", admin);
        Reply outside = pool.get("/index.html", "");
        Reply notAJobId = pool.get("/v1/jobs/not-a-uuid", admin);
        Reply noSuchJob = pool.get("/v1/jobs/8f1c0d2e-0000-4000-8000-000000000000", admin);
        Reply method = pool.send(pool.request("/v1/aggregate", admin).DELETE().build());

        assertThat(List.of(unknown, outside, notAJobId, noSuchJob)).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(404);
            assertThat(r.header("Content-Type")).contains("application/problem+json");
        });
        assertThat(method.status()).isEqualTo(405);
        assertThat(method.header("Allow")).contains("GET");
    }

    @Test
    void theHubGoesOnServingAfterBadInput() throws Exception {
        for (int i = 0; i < 20; i++) {
            pool.post("/v1/jobs", admin, "{\"command\":[" + "[".repeat(i * 50));
            pool.post("/v1/auth/login", "", "\u0000\u00ff garbage " + i);
        }
        try (SSLSocket raw = (SSLSocket) GatewayFixture.trusting(pool.ca).getSocketFactory().createSocket("127.0.0.1", pool.gateway.uri().getPort())) {
            OutputStream out = raw.getOutputStream();
            out.write("NOT HTTP AT ALL\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = raw.getInputStream();
            assertThat(new String(in.readNBytes(12), StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 400");
        }
        try (java.net.Socket plain = new java.net.Socket("127.0.0.1", pool.gateway.uri().getPort())) {
            plain.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            plain.getOutputStream().flush();
            plain.getInputStream().readAllBytes();
        }

        Reply fresh = pool.post("/v1/auth/login", "", "{\"username\":\"admin\",\"password\":\"" + GatewayFixture.ADMIN_PASSWORD.reveal() + "\"}");
        assertThat(fresh.status()).isEqualTo(200);
        assertThat(pool.get("/v1/aggregate", fresh.json().path("token").asText()).status()).isEqualTo(200);
        assertThat(pool.get("/v1/aggregate", admin).status()).isEqualTo(200);
    }
}
