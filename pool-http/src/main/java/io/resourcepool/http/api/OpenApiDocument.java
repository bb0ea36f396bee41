package io.resourcepool.http.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.resourcepool.api.ConfigurationException;
import io.resourcepool.http.server.Json;
import java.io.IOException;
import java.io.InputStream;

/** {@code GET /v1/openapi.json}: the API's OpenAPI 3.1 document, a resource of this module, served to anyone. */
final class OpenApiDocument {
    /** Where the document lives on the class path. */
    static final String RESOURCE = "/io/resourcepool/http/api/openapi.json";

    private final JsonNode document;

    private OpenApiDocument(JsonNode document) {
        this.document = document;
    }

    static OpenApiDocument load() {
        try (InputStream in = OpenApiDocument.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new ConfigurationException("the OpenAPI document " + RESOURCE + " is missing from the class path");
            }
            return new OpenApiDocument(Json.mapper().readTree(in));
        } catch (IOException e) {
            throw new ConfigurationException("the OpenAPI document " + RESOURCE + " cannot be read: " + e.getMessage(), e);
        }
    }

    Answer serve(ApiCall call) {
        return Answer.ok(document);
    }
}
