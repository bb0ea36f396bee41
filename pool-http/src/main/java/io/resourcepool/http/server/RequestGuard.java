package io.resourcepool.http.server;

import java.util.Optional;
import org.eclipse.jetty.server.Request;

/** Decides whether a request may be served, before it is: the problem to answer when it may not. */
@FunctionalInterface
public interface RequestGuard {
    /** Lets everything through. */
    RequestGuard OPEN = request -> Optional.empty();

    /**
     * Checks a request.
     *
     * @param request the request
     * @return the problem to answer instead, or empty to serve it
     */
    Optional<Problem> refuse(Request request);
}
