package io.resourcepool.http.server;

import java.time.Duration;
import java.util.Collection;

/** The kinds of problem the API answers with, one method each, so every occurrence of a kind looks the same. */
public final class Problems {
    private Problems() {}

    /**
     * 400: the request is malformed or invalid.
     *
     * @param detail what is wrong with it
     * @return the problem
     */
    public static Problem invalid(String detail) {
        return Problem.of(400, "invalid-request", "The request is not valid", detail);
    }

    /**
     * 400 about one field of the body or one query parameter.
     *
     * @param field the field's path, for example {@code limits.cpus}
     * @param detail what is wrong with it
     * @return the problem, with a {@code field} member
     */
    public static Problem invalidField(String field, String detail) {
        return invalid(detail).with("field", field);
    }

    /**
     * 401: no session, or one that ended or was refused. Carries {@code WWW-Authenticate: Bearer}.
     *
     * @param detail why
     * @return the problem
     */
    public static Problem unauthenticated(String detail) {
        return Problem.of(401, "unauthenticated", "Authentication is needed", detail)
                .withHeader("WWW-Authenticate", "Bearer realm=\"resourcepool\"");
    }

    /**
     * 401 for a login that needs the user's one-time code, so that a client knows to ask for it.
     *
     * @param detail the hub's words
     * @return the problem
     */
    public static Problem codeRequired(String detail) {
        return Problem.of(401, "code-required", "A one-time code is required", detail)
                .withHeader("WWW-Authenticate", "Bearer realm=\"resourcepool\"");
    }

    /**
     * 403: the session's role or ownership does not allow this.
     *
     * @param detail why
     * @return the problem
     */
    public static Problem forbidden(String detail) {
        return Problem.of(403, "forbidden", "Not allowed", detail);
    }

    /**
     * 404: nothing there (or not the caller's to see).
     *
     * @param detail what was not found
     * @return the problem
     */
    public static Problem notFound(String detail) {
        return Problem.of(404, "not-found", "Not found", detail);
    }

    /**
     * 405: the path exists, the method does not. Carries {@code Allow}.
     *
     * @param method the method asked for
     * @param allowed the methods the path has
     * @return the problem
     */
    public static Problem methodNotAllowed(String method, Collection<String> allowed) {
        return Problem.of(405, "method-not-allowed", "Method not allowed", method + " is not allowed here; use " + String.join(" or ", allowed))
                .withHeader("Allow", String.join(", ", allowed));
    }

    /**
     * 409: the request conflicts with the state of what it names.
     *
     * @param detail what conflicts
     * @return the problem
     */
    public static Problem conflict(String detail) {
        return Problem.of(409, "conflict", "Conflict with the current state", detail);
    }

    /**
     * 413: the body is larger than allowed.
     *
     * @param limit the largest body accepted
     * @return the problem
     */
    public static Problem bodyTooLarge(int limit) {
        return Problem.of(413, "body-too-large", "The request body is too large", "request bodies are limited to " + limit + " bytes")
                .with("maxBodyBytes", limit);
    }

    /**
     * 415: the body is not JSON.
     *
     * @param given the Content-Type given, or empty
     * @return the problem
     */
    public static Problem unsupportedMediaType(String given) {
        return Problem.of(415, "unsupported-media-type", "Unsupported media type",
                "the body must be JSON, sent with Content-Type: application/json" + (given.isEmpty() ? "" : "; it was " + given))
                .withHeader("Accept-Post", Json.MEDIA_TYPE);
    }

    /**
     * 429: the hub refuses work from this caller for now. Carries {@code Retry-After} in whole seconds.
     *
     * @param detail the hub's words
     * @param retryAfter how long to wait
     * @return the problem
     */
    public static Problem rateLimited(String detail, Duration retryAfter) {
        long seconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
        return Problem.of(429, "rate-limited", "Too many requests", detail).with("retryAfterSeconds", seconds)
                .withHeader("Retry-After", Long.toString(seconds));
    }

    /**
     * 500: something failed on our side; the detail never says what (the log does).
     *
     * @return the problem
     */
    public static Problem internal() {
        return Problem.of(500, "internal", "Internal error", "the hub could not complete the request; its log has the details");
    }

    /**
     * 503: the hub cannot take requests now.
     *
     * @param detail why
     * @return the problem
     */
    public static Problem unavailable(String detail) {
        return Problem.of(503, "unavailable", "Service unavailable", detail);
    }

    /**
     * A problem for an HTTP status that the server itself answers (a malformed request line, headers too large,
     * a URI too long), named by its status.
     *
     * @param status the status
     * @param reason the server's words, or empty
     * @return the problem
     */
    public static Problem forStatus(int status, String reason) {
        return switch (status) {
            case 400 -> invalid(reason.isEmpty() ? "the request is malformed" : reason);
            case 401 -> unauthenticated(reason);
            case 403 -> forbidden(reason);
            case 404 -> notFound(reason.isEmpty() ? "nothing is served at this path" : reason);
            case 413 -> Problem.of(413, "body-too-large", "The request body is too large", reason);
            case 415 -> unsupportedMediaType("");
            case 503 -> unavailable(reason.isEmpty() ? "the server is not ready" : reason);
            default -> status >= 500 ? internal()
                    : Problem.of(status < 400 ? 400 : status, "http-" + status, "The request was refused", reason.isEmpty() ? "HTTP " + status : reason);
        };
    }
}
