package io.resourcepool.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.resourcepool.http.server.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpHeaders;
import java.util.Optional;

/**
 * An answer of the API as a test reads it: status, headers and body.
 *
 * @param status the status
 * @param headers the headers
 * @param body the body as text
 */
record Reply(int status, HttpHeaders headers, String body) {
    JsonNode json() {
        try {
            return Json.mapper().readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON (" + status + "): " + body, e);
        }
    }

    Optional<String> header(String name) {
        return headers.firstValue(name);
    }

    /** The problem's kind: the last part of its type URI. */
    String problemKind() {
        String type = json().path("type").asText();
        return type.substring(type.lastIndexOf(':') + 1);
    }

    @Override
    public String toString() {
        return status + " " + body;
    }
}
