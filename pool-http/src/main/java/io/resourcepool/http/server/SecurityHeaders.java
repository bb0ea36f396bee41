package io.resourcepool.http.server;

import java.util.Map;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Puts the security headers on every response before anything else is written: a strict Content-Security-Policy
 * (nothing but this origin's own scripts, styles, images and connections; no framing, no plugins, no inline code),
 * HSTS, no sniffing, no framing, no referrer, and {@code Cache-Control: no-store}. A handler that serves cacheable
 * files (the dashboard's assets) may replace the last one for its own answers; the others it should leave alone.
 * Jetty's own error pages get the same headers from {@link ProblemErrorHandler}.
 */
public final class SecurityHeaders extends Handler.Wrapper {
    /** The policy: only this origin, never inline, never framed. */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    /** Every header and its value, in the order they are sent. */
    public static final Map<String, String> HEADERS = Map.of(
            "Content-Security-Policy", CONTENT_SECURITY_POLICY,
            "Strict-Transport-Security", "max-age=31536000",
            "X-Content-Type-Options", "nosniff",
            "X-Frame-Options", "DENY",
            "Referrer-Policy", "no-referrer",
            "Cross-Origin-Opener-Policy", "same-origin",
            "Cross-Origin-Resource-Policy", "same-origin",
            "Cache-Control", "no-store");

    /**
     * Wraps a handler.
     *
     * @param next the handler whose answers get the headers
     */
    public SecurityHeaders(Handler next) {
        super(next);
    }

    /**
     * Puts the headers on a response's fields, replacing any of the same name.
     *
     * @param headers the response's fields
     */
    public static void addTo(HttpFields.Mutable headers) {
        HEADERS.forEach(headers::put);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        addTo(response.getHeaders());
        return super.handle(request, response, callback);
    }
}
