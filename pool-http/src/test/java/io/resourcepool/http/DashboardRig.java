package io.resourcepool.http;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What a dashboard browser test stands on: a test pool, the dashboard served on a second HTTPS server of its hub
 * ({@link DashboardGateway}), and a headless Chromium trusting the pool's CA. Closing it closes all three, the
 * browser first.
 *
 * @param pool the test pool
 * @param dashboard the HTTPS server of the API and the dashboard
 * @param browser the browser
 */
record DashboardRig(GatewayFixture pool, HttpGateway dashboard, Browser browser) implements AutoCloseable {

    /**
     * Serves the dashboard on the pool's hub and starts a browser with its profile under the directory given; the pool is
     * closed if either cannot start.
     *
     * @param pool the test pool, now the rig's
     * @param dir where the browser keeps its profile
     * @return the rig
     * @throws Exception when the dashboard or the browser cannot start
     */
    static DashboardRig start(GatewayFixture pool, Path dir) throws Exception {
        HttpGateway dashboard = null;
        try {
            dashboard = DashboardGateway.start(pool);
            Browser browser = Browser.start(Files.createDirectories(dir.resolve("chromium")), List.of(pool.ca.caCertificate()));
            return new DashboardRig(pool, dashboard, browser);
        } catch (Exception | Error e) {
            if (dashboard != null) {
                dashboard.close();
            }
            pool.close();
            throw e;
        }
    }

    /** A dashboard page in the browser, opened at the dashboard's address. */
    DashboardPage openPage() {
        return new DashboardPage(browser, dashboard.uri()).open();
    }

    @Override
    public void close() {
        browser.close();
        dashboard.close();
        pool.close();
    }
}
