package io.resourcepool.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.resourcepool.http.server.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The OpenAPI document as the tests hold the API to it: an answer's status must be documented for its operation,
 * and its body must fit the documented schema (types, required members, no undocumented members where the schema
 * forbids them, enums, array items), checked by a small JSON Schema reader that knows the keywords the document uses.
 */
final class OpenApiContract {
    static final JsonNode DOCUMENT = load();

    private OpenApiContract() {}

    private static JsonNode load() {
        try (InputStream in = OpenApiContract.class.getResourceAsStream("/io/resourcepool/http/api/openapi.json")) {
            return Json.mapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Fails unless the answer's status is documented for the operation and its JSON body fits the documented schema. */
    static void assertDocumented(String method, String template, Reply reply) {
        JsonNode operation = DOCUMENT.path("paths").path(template).path(method.toLowerCase(Locale.ROOT));
        assertThat(operation.isObject()).as(method + " " + template + " in the OpenAPI document").isTrue();
        JsonNode response = resolve(operation.path("responses").path(Integer.toString(reply.status())));
        assertThat(response.isObject()).as("status " + reply.status() + " documented for " + method + " " + template + " (" + reply + ")").isTrue();
        String mediaType = reply.header("Content-Type").orElse("").split(";")[0].strip();
        if (reply.status() == 204) {
            assertThat(reply.body()).isEmpty();
            return;
        }
        JsonNode content = response.path("content").path(mediaType);
        assertThat(content.isObject()).as("media type " + mediaType + " documented for " + reply.status() + " of " + method + " " + template).isTrue();
        if (mediaType.endsWith("json")) {
            assertThat(violations(content.path("schema"), reply.json(), "$")).as(method + " " + template + " answered " + reply).isEmpty();
        }
    }

    /** Fails unless the value fits the named schema of the document's components. */
    static void assertFits(String schemaName, JsonNode value) {
        assertThat(violations(DOCUMENT.path("components").path("schemas").path(schemaName), value, "$")).as(schemaName + ": " + value).isEmpty();
    }

    static JsonNode resolve(JsonNode node) {
        JsonNode current = node;
        while (current.has("$ref")) {
            JsonNode target = DOCUMENT;
            for (String part : current.get("$ref").asText().substring(2).split("/")) {
                target = target.path(part);
            }
            current = target;
        }
        return current;
    }

    static List<String> violations(JsonNode schemaOrRef, JsonNode value, String at) {
        JsonNode schema = resolve(schemaOrRef);
        List<String> found = new ArrayList<>();
        if (schema.has("type") && !typeFits(schema.get("type"), value)) {
            found.add(at + " is " + value.getNodeType() + ", the schema wants " + schema.get("type"));
            return found;
        }
        if (schema.has("enum") && !value.isNull() && !contains(schema.get("enum"), value)) {
            found.add(at + " is " + value + ", not one of " + schema.get("enum"));
        }
        if (schema.has("const") && !schema.get("const").equals(value)) {
            found.add(at + " is " + value + ", not " + schema.get("const"));
        }
        if (value.isObject()) {
            objectViolations(schema, value, at, found);
        }
        if (value.isArray() && schema.has("items")) {
            for (int i = 0; i < value.size(); i++) {
                found.addAll(violations(schema.get("items"), value.get(i), at + "[" + i + "]"));
            }
        }
        return found;
    }

    private static void objectViolations(JsonNode schema, JsonNode value, String at, List<String> found) {
        for (JsonNode required : schema.path("required")) {
            if (!value.has(required.asText())) {
                found.add(at + " lacks the required member " + required.asText());
            }
        }
        JsonNode properties = schema.path("properties");
        for (Iterator<Map.Entry<String, JsonNode>> members = value.fields(); members.hasNext(); ) {
            Map.Entry<String, JsonNode> member = members.next();
            JsonNode memberSchema = properties.get(member.getKey());
            if (memberSchema != null) {
                found.addAll(violations(memberSchema, member.getValue(), at + "." + member.getKey()));
            } else if (schema.path("additionalProperties").isObject()) {
                found.addAll(violations(schema.get("additionalProperties"), member.getValue(), at + "." + member.getKey()));
            } else if (schema.path("additionalProperties").isBoolean() && !schema.get("additionalProperties").asBoolean()) {
                found.add(at + " has the undocumented member " + member.getKey());
            }
        }
    }

    private static boolean typeFits(JsonNode type, JsonNode value) {
        if (type.isArray()) {
            for (JsonNode one : type) {
                if (typeFits(one, value)) {
                    return true;
                }
            }
            return false;
        }
        return switch (type.asText()) {
            case "string" -> value.isTextual();
            case "integer" -> value.isIntegralNumber();
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "null" -> value.isNull();
            default -> false;
        };
    }

    private static boolean contains(JsonNode values, JsonNode value) {
        for (JsonNode one : values) {
            if (one.equals(value)) {
                return true;
            }
        }
        return false;
    }
}
