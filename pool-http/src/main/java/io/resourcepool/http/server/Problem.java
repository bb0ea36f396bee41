package io.resourcepool.http.server;

import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * An RFC 9457 problem document: what went wrong, as {@code application/problem+json} with {@code type},
 * {@code title}, {@code status} and {@code detail}, and extension members where they help a program react
 * ({@code field} for the request field at fault, {@code retryAfterSeconds} beside a {@code Retry-After} header).
 * The type is a {@code tag:} URI (RFC 4151), stable and not meant to be fetched. The detail never holds a secret.
 *
 * @param status the HTTP status
 * @param kind the last part of the type URI, for example {@code invalid-request}
 * @param title a short summary of the kind of problem, the same for every occurrence
 * @param detail what happened this time and what to do about it
 * @param extensions further members, in order
 * @param headers headers that go with it, such as {@code Retry-After} or {@code WWW-Authenticate}
 */
public record Problem(int status, String kind, String title, String detail, Map<String, Object> extensions, Map<String, String> headers) {
    /** The media type of problem documents. */
    public static final String MEDIA_TYPE = "application/problem+json";
    /** What every problem type starts with. */
    public static final String TYPE_PREFIX = "tag:resourcepool.io,2026:problem:";

    /** Checks the fields and copies the extensions. */
    public Problem {
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("a problem's status is 4xx or 5xx, was " + status);
        }
        Objects.requireNonNull(kind, "kind must be given");
        Objects.requireNonNull(title, "title must be given");
        Objects.requireNonNull(detail, "detail must be given");
        extensions = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(extensions, "extensions must be given")));
        headers = Map.copyOf(Objects.requireNonNull(headers, "headers must be given"));
    }

    /**
     * A problem without extension members.
     *
     * @param status the HTTP status
     * @param kind the type's last part
     * @param title the summary
     * @param detail what happened
     * @return the problem
     */
    public static Problem of(int status, String kind, String title, String detail) {
        return new Problem(status, kind, title, detail, Map.of(), Map.of());
    }

    /**
     * This problem with one more member.
     *
     * @param name the member's name
     * @param value its value
     * @return the new problem
     */
    public Problem with(String name, Object value) {
        Map<String, Object> more = new LinkedHashMap<>(extensions);
        more.put(name, value);
        return new Problem(status, kind, title, detail, more, headers);
    }

    /**
     * This problem with a header to send along.
     *
     * @param name the header's name
     * @param value its value
     * @return the new problem
     */
    public Problem withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new Problem(status, kind, title, detail, extensions, more);
    }

    /**
     * The type URI.
     *
     * @return for example {@code tag:resourcepool.io,2026:problem:invalid-request}
     */
    public String type() {
        return TYPE_PREFIX + kind;
    }

    /**
     * The document's members, in order.
     *
     * @return type, title, status, detail and the extensions
     */
    public Map<String, Object> document() {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("type", type());
        document.put("title", title);
        document.put("status", status);
        document.put("detail", detail);
        document.putAll(extensions);
        return document;
    }

    /**
     * The document, as UTF-8 JSON.
     *
     * @return the bytes
     */
    public byte[] toJson() {
        return Json.write(document());
    }

    /**
     * Sends this problem as the whole answer; the security headers already set stay.
     *
     * @param response the response, not yet committed
     * @param callback completed when it is written
     */
    public void send(Response response, Callback callback) {
        response.setStatus(status);
        headers.forEach(response.getHeaders()::put);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, MEDIA_TYPE);
        response.write(true, ByteBuffer.wrap(toJson()), callback);
    }
}
