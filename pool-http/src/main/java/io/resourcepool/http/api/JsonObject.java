package io.resourcepool.http.api;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.resourcepool.http.server.Json;
import io.resourcepool.http.server.Problems;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A request body read strictly: one JSON object, no duplicate keys, nothing after it; each field of the type its
 * endpoint expects, never {@code null} (leave an optional field out instead); no field the endpoint does not know.
 * Every refusal names the field ({@code limits.cpus}) and says what was expected, and never repeats the value, which
 * may be a password.
 */
final class JsonObject {
    private static final ObjectReader READER = Json.mapper().reader()
            .with(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .with(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final ObjectNode node;
    private final String path;

    private JsonObject(ObjectNode node, String path) {
        this.node = node;
        this.path = path;
    }

    /**
     * Parses a body.
     *
     * @param body the bytes, UTF-8
     * @param known the fields the endpoint reads
     * @return the object
     * @throws ProblemException when the body is not one JSON object, or names a field not in {@code known}
     */
    static JsonObject parse(byte[] body, Set<String> known) {
        JsonNode tree;
        try {
            tree = READER.readTree(body);
        } catch (JsonProcessingException e) {
            throw new ProblemException(Problems.invalid("the body is not valid JSON" + where(e.getLocation()) + ": " + reasonOf(e)));
        } catch (IOException e) {
            throw new ProblemException(Problems.invalid("the body cannot be read as JSON"));
        }
        if (tree == null || tree.isMissingNode()) {
            throw new ProblemException(Problems.invalid("the body is empty; it must be a JSON object"));
        }
        if (!(tree instanceof ObjectNode object)) {
            throw new ProblemException(Problems.invalid("the body must be a JSON object, not " + kindOf(tree)));
        }
        return new JsonObject(object, "").allowOnly(known);
    }

    private static String where(JsonLocation location) {
        return location == null || location.getLineNr() < 0 ? "" : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    /** Jackson's own message may quote the input; only the kind of fault is kept. */
    private static String reasonOf(JsonProcessingException e) {
        String message = String.valueOf(e.getOriginalMessage());
        if (message.startsWith("Duplicate field")) {
            return "a field is given twice";
        }
        if (message.contains("Unexpected end-of-input")) {
            return "it ends too early";
        }
        if (message.contains("Trailing token")) {
            return "something follows the object";
        }
        return "unexpected character or token";
    }

    private JsonObject allowOnly(Set<String> known) {
        for (var names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                throw new ProblemException(Problems.invalidField(path + name, "unknown field '" + shortened(path + name)
                        + "'; the fields here are " + new TreeSet<>(known)));
            }
        }
        return this;
    }

    private static String shortened(String name) {
        return name.length() <= 64 ? name : name.substring(0, 64) + "…";
    }

    private Optional<JsonNode> present(String name) {
        JsonNode value = node.get(name);
        if (value == null) {
            return Optional.empty();
        }
        if (value.isNull()) {
            throw wrongType(name, "must not be null; leave it out instead");
        }
        return Optional.of(value);
    }

    private JsonNode required(String name) {
        return present(name).orElseThrow(() -> new ProblemException(Problems.invalidField(path + name, "field '" + path + name + "' is required")));
    }

    private ProblemException wrongType(String name, String expected) {
        return new ProblemException(Problems.invalidField(path + name, "field '" + path + name + "' " + expected));
    }

    /** A required string. */
    String text(String name) {
        return asText(name, required(name));
    }

    /** A string, when given. */
    Optional<String> optionalText(String name) {
        return present(name).map(v -> asText(name, v));
    }

    private String asText(String name, JsonNode value) {
        if (!value.isTextual()) {
            throw wrongType(name, "must be a string, not " + kindOf(value));
        }
        return value.textValue();
    }

    /** A boolean, when given. */
    Optional<Boolean> optionalBoolean(String name) {
        return present(name).map(value -> {
            if (!value.isBoolean()) {
                throw wrongType(name, "must be true or false, not " + kindOf(value));
            }
            return value.booleanValue();
        });
    }

    /** A whole number within bounds, when given. */
    Optional<Long> optionalWhole(String name, long min, long max) {
        return present(name).map(value -> {
            if (!value.isIntegralNumber() || !value.canConvertToLong()) {
                throw wrongType(name, "must be a whole number, not " + kindOf(value));
            }
            long number = value.longValue();
            if (number < min || number > max) {
                throw wrongType(name, "must be between " + min + " and " + max + ", was " + number);
            }
            return number;
        });
    }

    /** A required, non-empty array of strings. */
    List<String> textList(String name) {
        JsonNode value = required(name);
        if (!value.isArray()) {
            throw wrongType(name, "must be an array of strings, not " + kindOf(value));
        }
        List<String> items = new ArrayList<>(value.size());
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            if (!item.isTextual()) {
                throw wrongType(name + "[" + i + "]", "must be a string, not " + kindOf(item));
            }
            items.add(item.textValue());
        }
        return items;
    }

    /** An object of string values, when given. */
    Optional<Map<String, String>> optionalTextMap(String name) {
        return present(name).map(value -> {
            if (!value.isObject()) {
                throw wrongType(name, "must be an object of strings, not " + kindOf(value));
            }
            Map<String, String> map = new LinkedHashMap<>();
            value.properties().forEach(entry -> {
                if (!entry.getValue().isTextual()) {
                    throw wrongType(name + "." + shortened(entry.getKey()), "must be a string, not " + kindOf(entry.getValue()));
                }
                map.put(entry.getKey(), entry.getValue().textValue());
            });
            return map;
        });
    }

    /** A nested object, when given, read as strictly as this one. */
    Optional<JsonObject> optionalObject(String name, Set<String> known) {
        return present(name).map(value -> {
            if (!(value instanceof ObjectNode object)) {
                throw wrongType(name, "must be an object, not " + kindOf(value));
            }
            return new JsonObject(object, path + name + ".").allowOnly(known);
        });
    }

    /** A number (whole or fractional) within bounds, when given. */
    Optional<Double> optionalNumber(String name, double min, double max) {
        return present(name).map(value -> {
            if (!value.isNumber()) {
                throw wrongType(name, "must be a number, not " + kindOf(value));
            }
            double number = value.doubleValue();
            if (!(number >= min && number <= max)) {
                throw wrongType(name, "must be between " + min + " and " + max + ", was " + number);
            }
            return number;
        });
    }

    /** An array of objects, each read as strictly as this one, when given. */
    Optional<List<JsonObject>> optionalObjectList(String name, Set<String> known) {
        return present(name).map(value -> {
            if (!value.isArray()) {
                throw wrongType(name, "must be an array of objects, not " + kindOf(value));
            }
            List<JsonObject> items = new ArrayList<>(value.size());
            for (int i = 0; i < value.size(); i++) {
                if (!(value.get(i) instanceof ObjectNode object)) {
                    throw wrongType(name + "[" + i + "]", "must be an object, not " + kindOf(value.get(i)));
                }
                items.add(new JsonObject(object, path + name + "[" + i + "].").allowOnly(known));
            }
            return items;
        });
    }

    private static String kindOf(JsonNode value) {
        return switch (value.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT, POJO -> "an object";
            case STRING -> "a string";
            case NUMBER -> value.isIntegralNumber() ? "a whole number" : "a fractional number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            case BINARY, MISSING -> "nothing";
        };
    }

    /** Hides the values, which may hold a password. */
    @Override
    public String toString() {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return "JsonObject" + names;
    }
}
