package io.resourcepool.http.server;

/** Hears every request the server has answered, for metrics. Called on request threads; must be quick and must not throw. */
@FunctionalInterface
public interface ServedRequests {
    /** Hears nothing. */
    ServedRequests NONE = (route, method, status, nanos) -> {};

    /**
     * A request was answered.
     *
     * @param route the route's template, or {@value RouteLabel#UNMATCHED}
     * @param method the HTTP method, or {@code OTHER} for one outside the usual set
     * @param status the status sent
     * @param nanos how long it took, from the handler's start to the last byte
     */
    void served(String route, String method, int status, long nanos);
}
