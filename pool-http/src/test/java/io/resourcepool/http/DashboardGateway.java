package io.resourcepool.http;

import io.resourcepool.http.ui.Dashboard;
import java.net.InetSocketAddress;

/** A second HTTPS server on a test pool's hub, serving the API and the dashboard, as the {@code pool hub} launcher does. */
final class DashboardGateway {
    private DashboardGateway() {}

    static HttpGateway start(GatewayFixture pool) {
        return Dashboard.mountOn(HttpGateway.builder().hub(pool.hub).identity(pool.ca.serverKeyMaterial())
                .settings(HttpSettings.on(new InetSocketAddress("127.0.0.1", 0)))).start();
    }
}
