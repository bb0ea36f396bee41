package io.resourcepool.http.api;

import io.resourcepool.api.Role;
import io.resourcepool.http.server.Json;
import io.resourcepool.http.server.Problem;
import io.resourcepool.http.server.Problems;
import io.resourcepool.http.server.RequestGuard;
import io.resourcepool.http.server.RouteLabel;
import io.resourcepool.http.server.UnreadBodies;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The {@code /v1} API: finds the route, reads the request strictly ({@link ApiCalls}), lets the endpoint answer, and
 * writes the answer, or the problem when anything was refused. Runs on the request's virtual thread.
 */
public final class ApiHandler extends Handler.Abstract {
    private final List<Route> routes;
    private final HubDoor door;
    private final int maxBodyBytes;
    private final ApiCalls calls;
    private final Duration heartbeat;

    ApiHandler(List<Route> routes, HubDoor door, int maxBodyBytes, Duration heartbeat) {
        this.routes = List.copyOf(routes);
        this.door = door;
        this.maxBodyBytes = maxBodyBytes;
        this.calls = new ApiCalls(maxBodyBytes);
        this.heartbeat = heartbeat;
    }

    /**
     * The routes served, for the OpenAPI document's test.
     *
     * @return each route's method and template
     */
    public List<Map.Entry<String, String>> served() {
        return routes.stream().map(r -> Map.entry(r.method(), r.template())).toList();
    }

    /**
     * A guard for another path (such as {@code /metrics}) that lets through sessions whose role, as the hub knows it
     * now, includes the one given.
     *
     * @param needed the weakest role let through
     * @return the guard
     */
    public RequestGuard guard(Role needed) {
        return new RoleGuard(door, needed);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String path = Request.getPathInContext(request);
        Optional<Route> route = Optional.empty();
        Optional<Map<String, String>> parameters = Optional.empty();
        for (int i = 0; i < routes.size() && route.isEmpty(); i++) {
            Route candidate = routes.get(i);
            parameters = candidate.method().equals(request.getMethod()) ? candidate.match(path) : Optional.empty();
            route = parameters.map(p -> candidate);
        }
        if (route.isEmpty()) {
            List<Route> onPath = routes.stream().filter(r -> r.match(path).isPresent()).toList();
            RouteLabel.set(request, onPath.isEmpty() ? RouteLabel.UNMATCHED : onPath.get(0).template());
            Problem problem = onPath.isEmpty() ? Problems.notFound("the API has no endpoint at this path")
                    : Problems.methodNotAllowed(request.getMethod(), onPath.stream().map(Route::method).distinct().toList());
            UnreadBodies.settle(request, response, maxBodyBytes);
            problem.send(response, callback);
            return true;
        }
        RouteLabel.set(request, route.get().template());
        ApiCall call = null;
        try {
            call = calls.read(request, route.get(), parameters.orElseThrow());
            write(route.get().endpoint().answer(call), response, callback);
        } catch (RuntimeException e) {
            failed(e, call, route.get(), request, response, callback);
        }
        return true;
    }

    private void write(Answer answer, Response response, Callback callback) {
        switch (answer) {
            case Answer.Json json -> {
                response.setStatus(json.status());
                json.headers().forEach(response.getHeaders()::put);
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, Json.MEDIA_TYPE);
                response.write(true, ByteBuffer.wrap(Json.write(json.body())), callback);
            }
            case Answer.Empty empty -> {
                response.setStatus(204);
                response.write(true, null, callback);
            }
            case Answer.Events events -> stream(events, response, callback);
        }
    }

    private void stream(Answer.Events events, Response response, Callback callback) {
        try (EventStream stream = EventStream.open(response, heartbeat)) {
            events.source().emit(stream);
        }
        response.write(true, null, callback);
    }

    private void failed(RuntimeException e, ApiCall call, Route route, Request request, Response response, Callback callback) {
        if (response.isCommitted()) {
            // a stream that had begun: nothing more can be said on it
            callback.failed(e);
            return;
        }
        Problem problem = Failures.toProblem(e, call == null ? ApiCalls.unread(route) : call);
        response.reset();
        io.resourcepool.http.server.SecurityHeaders.addTo(response.getHeaders());
        UnreadBodies.settle(request, response, maxBodyBytes);
        problem.send(response, callback);
    }

    /** Stopping the server ends the requests still waiting on the hub. */
    @Override
    protected void doStop() throws Exception {
        door.close();
        super.doStop();
    }
}
