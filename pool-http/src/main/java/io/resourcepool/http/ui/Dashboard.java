package io.resourcepool.http.ui;

import io.resourcepool.http.HttpGateway;

/**
 * The web dashboard, served by the hub's HTTP server: a page at {@code /ui/} (and {@code /} sends a browser there)
 * that logs in through the API and shows the pool live. It holds no state and decides nothing: every figure comes
 * from the {@code /v1} API with the token the page got at login, and the hub checks every request as it does any
 * other client's. See docs/DASHBOARD.md.
 */
public final class Dashboard {
    private Dashboard() {}

    /**
     * Mounts the dashboard on a gateway being built.
     *
     * @param gateway the builder
     * @return the same builder
     * @throws io.resourcepool.api.ConfigurationException when a front-end library is missing from the class path
     */
    public static HttpGateway.Builder mountOn(HttpGateway.Builder gateway) {
        return gateway.mountPrefix(DashboardFiles.PREFIX, new DashboardFiles(new Assets(WebJars.onClassPath())))
                .mountExact("/", new RootRedirect());
    }
}
