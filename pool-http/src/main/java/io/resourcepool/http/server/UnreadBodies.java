package io.resourcepool.http.server;

import java.io.IOException;
import java.io.InputStream;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;

/**
 * What to do with a request body that a refusal did not read: read and drop it, up to a limit, so that the
 * keep-alive connection can carry the client's next request; past the limit, answer with {@code Connection: close},
 * so that the client opens a new connection instead of sending its next request into one that is closing.
 */
public final class UnreadBodies {
    /** The most a refusal reads of a body nobody wanted: 64 KiB. */
    public static final int DEFAULT_LIMIT = 64 * 1024;

    private UnreadBodies() {}

    /**
     * Settles a request's unread body before its answer is written.
     *
     * @param request the request
     * @param response its response, not yet committed
     * @param limit the most to read
     */
    public static void settle(Request request, Response response, int limit) {
        try (InputStream in = Request.asInputStream(request)) {
            if (in.readNBytes(limit + 1).length <= limit) {
                return;
            }
        } catch (IOException e) {
            // a body that cannot be read cannot be skipped either
        }
        response.getHeaders().put(HttpHeader.CONNECTION, "close");
    }
}
