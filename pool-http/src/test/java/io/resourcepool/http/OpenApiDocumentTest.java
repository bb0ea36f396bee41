package io.resourcepool.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OpenAPI document is true: every route the server serves is in it with its method, everything in it is served,
 * each operation says what it answers when it succeeds, every reference leads somewhere, and the server hands out
 * exactly this document. (Every API test checks the answers it gets against the document's schemas.)
 */
class OpenApiDocumentTest {
    @TempDir
    static Path dir;

    private static GatewayFixture pool;

    @BeforeAll
    static void start() {
        pool = GatewayFixture.start(dir);
    }

    @AfterAll
    static void stop() {
        pool.close();
    }

    private static Set<String> served() {
        Set<String> operations = new TreeSet<>();
        for (Map.Entry<String, String> route : pool.apiRoutes()) {
            operations.add(route.getKey() + " " + route.getValue());
        }
        return operations;
    }

    private static Set<String> documented() {
        Set<String> operations = new TreeSet<>();
        OpenApiContract.DOCUMENT.path("paths").fields().forEachRemaining(path ->
                path.getValue().fieldNames().forEachRemaining(method -> operations.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey())));
        return operations;
    }

    @Test
    void everyServedRouteIsDocumentedAndEveryDocumentedOneServed() {
        assertThat(documented()).isEqualTo(served());
        assertThat(served()).hasSizeGreaterThanOrEqualTo(18);
    }

    @Test
    void everyOperationDocumentsASuccessAndItsRefusals() {
        OpenApiContract.DOCUMENT.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(operation -> {
            List<String> statuses = new ArrayList<>();
            operation.getValue().path("responses").fieldNames().forEachRemaining(statuses::add);
            String name = operation.getKey() + " " + path.getKey();
            assertThat(statuses).as(name).anyMatch(s -> s.startsWith("2"));
            boolean needsSession = !operation.getValue().path("security").isArray() || !operation.getValue().path("security").isEmpty();
            if (needsSession) {
                assertThat(statuses).as(name + " needs a session").contains("401", "429");
            }
        }));
    }

    @Test
    void everyReferenceResolves() {
        List<String> refs = new ArrayList<>();
        collect(OpenApiContract.DOCUMENT, refs);
        assertThat(refs).isNotEmpty().allSatisfy(ref -> assertThat(OpenApiContract.resolve(reference(ref)).isMissingNode()).as(ref).isFalse());
    }

    private static JsonNode reference(String ref) {
        return io.resourcepool.http.server.Json.mapper().createObjectNode().put("$ref", ref);
    }

    private static void collect(JsonNode node, List<String> refs) {
        if (node.has("$ref")) {
            refs.add(node.get("$ref").asText());
        }
        node.forEach(child -> collect(child, refs));
    }

    @Test
    void theServerHandsOutThisDocument() {
        Reply reply = pool.get("/v1/openapi.json", "");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json()).isEqualTo(OpenApiContract.DOCUMENT);
        assertThat(reply.json().path("openapi").asText()).startsWith("3.1");
    }
}
