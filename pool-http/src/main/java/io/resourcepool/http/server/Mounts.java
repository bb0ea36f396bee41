package io.resourcepool.http.server;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.eclipse.jetty.http.pathmap.MatchedResource;
import org.eclipse.jetty.http.pathmap.PathMappings;
import org.eclipse.jetty.http.pathmap.ServletPathSpec;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The server's top-level paths: each handler mounted on a prefix ({@code /v1}, {@code /ui}) or an exact path
 * ({@code /metrics}, {@code /}); the longest match wins, and a path nobody took is answered 404 with a problem
 * document. Mounted handlers are started and stopped with the server. The mount's path is the request's route
 * label unless the handler names a finer one.
 */
public final class Mounts extends Handler.AbstractContainer {
    private final PathMappings<Handler> mappings = new PathMappings<>();
    private final List<Handler> handlers = new ArrayList<>();
    private final Set<String> taken = new java.util.HashSet<>();

    /**
     * Mounts a handler on a prefix: it takes the path itself and everything below it.
     *
     * @param prefix for example {@code /ui}, without a trailing slash
     * @param handler the handler
     * @throws IllegalArgumentException when the prefix is malformed or already taken
     */
    public void prefix(String prefix, Handler handler) {
        if (!prefix.startsWith("/") || prefix.endsWith("/") || prefix.contains("*")) {
            throw new IllegalArgumentException("a prefix starts with / and ends without one, such as /ui; was '" + prefix + "'");
        }
        add(prefix + "/*", handler);
    }

    /**
     * Mounts a handler on one exact path.
     *
     * @param path for example {@code /metrics}, or {@code /} for the root alone
     * @param handler the handler
     * @throws IllegalArgumentException when the path is malformed or already taken
     */
    public void exact(String path, Handler handler) {
        if (!path.startsWith("/") || path.contains("*") || (path.length() > 1 && path.endsWith("/"))) {
            throw new IllegalArgumentException("an exact path starts with / and has no wildcard, such as /metrics; was '" + path + "'");
        }
        add(path.equals("/") ? "" : path, handler);
    }

    private synchronized void add(String spec, Handler handler) {
        if (isStarted()) {
            throw new IllegalStateException("mount every handler before the server starts");
        }
        if (!taken.add(spec)) {
            throw new IllegalArgumentException("the path " + (spec.isEmpty() ? "/" : spec) + " already has a handler");
        }
        mappings.put(new ServletPathSpec(spec), handler);
        handlers.add(handler);
        addBean(handler, true);
    }

    @Override
    public List<Handler> getHandlers() {
        return List.copyOf(handlers);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        MatchedResource<Handler> match = mappings.getMatched(Request.getPathInContext(request));
        if (match != null) {
            String spec = match.getPathSpec().getDeclaration();
            RouteLabel.set(request, spec.isEmpty() ? "/" : spec);
            if (match.getResource().handle(request, response, callback)) {
                return true;
            }
        }
        RouteLabel.set(request, RouteLabel.UNMATCHED);
        UnreadBodies.settle(request, response, UnreadBodies.DEFAULT_LIMIT);
        Problems.notFound("nothing is served at this path").send(response, callback);
        return true;
    }
}
