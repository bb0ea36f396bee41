package io.resourcepool.http.server;

import io.resourcepool.api.PoolException;
import io.resourcepool.core.hub.Hub;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers a request for a decoy path exactly as a path nobody serves is answered (a 404 problem, counted under the
 * unmatched route), so the prober learns nothing, and tells the hub: it audits the touch with the source
 * ({@code honeypot.touched}), the alerts hear of it, and the source is charged as several failed logins, so its next
 * login is refused. Other requests go on to the wrapped handler.
 */
public final class Honeypot extends Handler.Wrapper {
    private static final Logger log = LoggerFactory.getLogger(Honeypot.class);

    private final Hub hub;
    private final DecoyPaths decoys;

    /**
     * Wraps the server's paths.
     *
     * @param paths the real paths
     * @param hub the hub to tell
     * @param decoys the decoy paths
     */
    public Honeypot(Handler paths, Hub hub, DecoyPaths decoys) {
        super(paths);
        this.hub = hub;
        this.decoys = decoys;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String path = Request.getPathInContext(request);
        if (!decoys.matches(path)) {
            return super.handle(request, response, callback);
        }
        String what = request.getMethod() + " " + (path.length() > 200 ? path.substring(0, 200) : path);
        try {
            hub.decoyTouched(Peers.of(request), what);
        } catch (PoolException | IllegalStateException e) {
            log.warn("decoy {} touched by {}, not recorded: {}", what, Peers.of(request), e.getMessage());
        }
        RouteLabel.set(request, RouteLabel.UNMATCHED);
        UnreadBodies.settle(request, response, UnreadBodies.DEFAULT_LIMIT);
        Problems.notFound("nothing is served at this path").send(response, callback);
        return true;
    }
}
