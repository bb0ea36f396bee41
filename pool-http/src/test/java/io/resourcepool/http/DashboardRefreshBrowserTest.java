package io.resourcepool.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.resourcepool.api.Role;
import io.resourcepool.api.Secret;
import io.resourcepool.core.auth.AuthConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard carries on when its bearer token expires: the hub (on a manual clock) is moved past the token's end,
 * the next request is answered 401, and the page renews the session with its refresh token and retries, without
 * showing the login form. Needs Chromium and ChromeDriver, as {@link DashboardBrowserTest} does (skipped without them,
 * saying how to install them).
 */
class DashboardRefreshBrowserTest {
    @TempDir
    Path dir;

    private GatewayFixture pool;
    private DashboardRig rig;

    @BeforeEach
    void start() throws Exception {
        Browser.assumeInstalled();
        rig = DashboardRig.start(GatewayFixture.start(dir.resolve("pool")), dir);
        pool = rig.pool();
    }

    @AfterEach
    void stop() {
        if (rig != null) {
            rig.close();
        }
    }

    @Test
    void anExpiredBearerTokenIsRenewedWithoutShowingTheLoginForm() {
        DashboardPage page = rig.openPage();
        page.logIn("admin", GatewayFixture.ADMIN_PASSWORD);
        page.view("users");
        page.awaitText("#users-table", "admin");

        pool.clock.advance(AuthConfig.DEFAULT_SESSION_TIMEOUT.plusMinutes(1));
        pool.addUser("newcomer", Role.VIEWER, Secret.of("newcomer-password-1"));
        page.view("overview");
        page.view("users");

        page.awaitText("#users-table", "newcomer");
        assertThat(page.shown("#app")).isTrue();
        assertThat(page.shown("#login-view")).isFalse();
        assertThat(page.text("#who-name")).isEqualTo("admin");
        rig.browser().assertConsoleClean();
    }
}
