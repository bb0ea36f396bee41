package io.resourcepool.http.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One endpoint of the API: a method and a path template whose {@code {name}} segments match one path segment each,
 * what body it takes, the query parameters it knows, and what answers it.
 *
 * @param method the HTTP method
 * @param template for example {@code /v1/jobs/{id}/cancel}
 * @param body whether it takes a JSON body
 * @param queryParameters the query parameters it knows; any other is refused
 * @param endpoint what answers it
 */
record Route(String method, String template, Body body, Set<String> queryParameters, Endpoint endpoint) {
    /** What a route takes as its body. */
    enum Body {
        /** No body at all. */
        NONE,
        /** A JSON object, sent as {@code application/json}. */
        JSON
    }

    /** Checks the fields. */
    Route {
        Objects.requireNonNull(method, "method must be given");
        if (!template.startsWith("/v1/")) {
            throw new IllegalArgumentException("routes live under /v1/, not " + template);
        }
        Objects.requireNonNull(body, "body must be given");
        queryParameters = Set.copyOf(queryParameters);
        Objects.requireNonNull(endpoint, "endpoint must be given");
    }

    static Route get(String template, Endpoint endpoint) {
        return new Route("GET", template, Body.NONE, Set.of(), endpoint);
    }

    static Route post(String template, Body body, Endpoint endpoint) {
        return new Route("POST", template, body, Set.of(), endpoint);
    }

    /**
     * Matches a path.
     *
     * @param path the request's path, decoded
     * @return the values of the template's parameters, when the path fits
     */
    Optional<Map<String, String>> match(String path) {
        List<String> wanted = List.of(template.substring(1).split("/", -1));
        List<String> given = List.of(path.substring(1).split("/", -1));
        if (!path.startsWith("/") || wanted.size() != given.size()) {
            return Optional.empty();
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < wanted.size(); i++) {
            String segment = wanted.get(i);
            if (segment.startsWith("{") && segment.endsWith("}")) {
                if (given.get(i).isEmpty()) {
                    return Optional.empty();
                }
                values.put(segment.substring(1, segment.length() - 1), given.get(i));
            } else if (!segment.equals(given.get(i))) {
                return Optional.empty();
            }
        }
        return Optional.of(values);
    }
}
