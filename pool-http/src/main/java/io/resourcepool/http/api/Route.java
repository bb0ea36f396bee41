package io.resourcepool.http.api;

import java.util.LinkedHashMap;
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
        // segment by segment in place, as splitting both on "/" (keeping empty segments) would compare them
        if (!path.startsWith("/")) {
            return Optional.empty();
        }
        Map<String, String> values = new LinkedHashMap<>();
        int t = 1;
        int p = 1;
        while (true) {
            int templateEnd = segmentEnd(template, t);
            int pathEnd = segmentEnd(path, p);
            int length = templateEnd - t;
            if (length >= 2 && template.charAt(t) == '{' && template.charAt(templateEnd - 1) == '}') {
                if (pathEnd == p) {
                    return Optional.empty();
                }
                values.put(template.substring(t + 1, templateEnd - 1), path.substring(p, pathEnd));
            } else if (length != pathEnd - p || !template.regionMatches(t, path, p, length)) {
                return Optional.empty();
            }
            boolean templateDone = templateEnd == template.length();
            boolean pathDone = pathEnd == path.length();
            if (templateDone || pathDone) {
                return templateDone && pathDone ? Optional.of(values) : Optional.empty();
            }
            t = templateEnd + 1;
            p = pathEnd + 1;
        }
    }

    private static int segmentEnd(String text, int from) {
        int slash = text.indexOf('/', from);
        return slash < 0 ? text.length() : slash;
    }
}
