package io.resourcepool.http.metrics;

import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import io.resourcepool.http.server.Problems;
import io.resourcepool.http.server.RequestGuard;
import io.resourcepool.http.server.UnreadBodies;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * {@code GET /metrics}: every metric in the Prometheus text format (or, when the scraper asks for it in
 * {@code Accept}, OpenMetrics or protobuf), once the guard has let the request through.
 */
public final class MetricsHandler extends Handler.Abstract {
    private final PoolMetrics metrics;
    private final RequestGuard guard;
    private final ExpositionFormats formats = ExpositionFormats.init();

    /**
     * Serves the metrics.
     *
     * @param metrics what to serve
     * @param guard who may read them
     */
    public MetricsHandler(PoolMetrics metrics, RequestGuard guard) {
        this.metrics = metrics;
        this.guard = guard;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws IOException {
        if (!request.getMethod().equals("GET")) {
            UnreadBodies.settle(request, response, UnreadBodies.DEFAULT_LIMIT);
            Problems.methodNotAllowed(request.getMethod(), List.of("GET")).send(response, callback);
            return true;
        }
        var refusal = guard.refuse(request);
        if (refusal.isPresent()) {
            refusal.get().send(response, callback);
            return true;
        }
        ExpositionFormatWriter writer = formats.findWriter(request.getHeaders().get(HttpHeader.ACCEPT));
        ByteArrayOutputStream text = new ByteArrayOutputStream(16 * 1024);
        writer.write(text, metrics.scrape());
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, writer.getContentType());
        response.write(true, ByteBuffer.wrap(text.toByteArray()), callback);
        return true;
    }
}
