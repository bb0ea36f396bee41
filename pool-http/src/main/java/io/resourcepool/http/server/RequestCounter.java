package io.resourcepool.http.server;

import java.util.Set;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** Tells {@link ServedRequests} of every request once its answer is written (or has failed), with its route and status. */
public final class RequestCounter extends Handler.Wrapper {
    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

    private final ServedRequests served;

    /**
     * Wraps a handler.
     *
     * @param next the handler whose requests are counted
     * @param served who hears of them
     */
    public RequestCounter(Handler next, ServedRequests served) {
        super(next);
        this.served = served;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        long started = System.nanoTime();
        RouteLabel route = RouteLabel.attachTo(request);
        String method = METHODS.contains(request.getMethod()) ? request.getMethod() : "OTHER";
        Callback counted = new Callback.Nested(callback) {
            @Override
            public void succeeded() {
                served.served(route.value(), method, response.getStatus(), System.nanoTime() - started);
                super.succeeded();
            }

            @Override
            public void failed(Throwable failure) {
                served.served(route.value(), method, response.isCommitted() ? response.getStatus() : 500, System.nanoTime() - started);
                super.failed(failure);
            }
        };
        return super.handle(request, response, counted);
    }
}
