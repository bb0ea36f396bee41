package io.resourcepool.http.server;

import org.eclipse.jetty.server.Request;

/**
 * The route a request was served by, as a template ({@code /v1/jobs/{id}}) rather than its raw path, so that
 * metrics count endpoints and not ids. Set by whichever handler takes the request; {@value #UNMATCHED} otherwise.
 */
public final class RouteLabel {
    /** The label of a request no route took. */
    public static final String UNMATCHED = "unmatched";

    private static final String ATTRIBUTE = RouteLabel.class.getName();

    private volatile String value = UNMATCHED;

    private RouteLabel() {}

    /**
     * Gives a request its (as yet unmatched) label.
     *
     * @param request the request as it enters the server
     * @return the label, to read once the request is served
     */
    static RouteLabel attachTo(Request request) {
        RouteLabel label = new RouteLabel();
        request.setAttribute(ATTRIBUTE, label);
        return label;
    }

    /**
     * Names the route that took a request.
     *
     * @param request the request, as any handler sees it
     * @param template the route's template
     */
    public static void set(Request request, String template) {
        if (request.getAttribute(ATTRIBUTE) instanceof RouteLabel label) {
            label.value = template;
        }
    }

    /**
     * The label.
     *
     * @return the template, or {@value #UNMATCHED}
     */
    public String value() {
        return value;
    }
}
