package io.resourcepool.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.resourcepool.api.AuthenticationException;
import io.resourcepool.api.NodeId;
import io.resourcepool.api.Role;
import io.resourcepool.api.Secret;
import io.resourcepool.api.spi.probe.ResourceProbe;
import io.resourcepool.core.auth.MfaSetup;
import io.resourcepool.core.client.PoolClient;
import io.resourcepool.core.probe.GpuOverride;
import io.resourcepool.core.probe.OshiResourceProbe;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The dashboard end to end, in real headless Chromium driven by Selenium WebDriver: a real hub serving HTTPS with
 * its own certificate, two real workers enrolled over TLS that run real processes and report this machine's
 * resources as OSHI measures them, and real users who log in through the page. Chromium trusts the hub's CA by its
 * public key (the {@code --ignore-certificate-errors-spki-list} flag, see {@link Browser}); certificate errors are
 * not ignored. Each test opens the page afresh, which, with the token kept in the page's memory only, starts logged
 * out. The tests end by checking that the browser's console holds no error, so a script, style or connection
 * refused by the Content-Security-Policy fails them (and one shows that such a refusal is seen). The admin's tour
 * saves a screenshot, once the chart has a few points: the one the README shows, {@code docs/dashboard.png}, is
 * refreshed by running this test with {@code -Ddashboard.screenshot=docs}.
 */
class DashboardBrowserTest {
    private static final Secret ADA_PASSWORD = Secret.of("ada-password-1");
    private static final Secret GRACE_PASSWORD = Secret.of("grace-password-1");
    private static final Secret LIN_PASSWORD = Secret.of("lin-password-1");

    @TempDir
    static Path dir;

    private static GatewayFixture pool;
    private static DashboardRig rig;
    private static NodeId first;
    private static NodeId second;
    private DashboardPage page;

    @BeforeAll
    static void startPoolAndBrowser() throws Exception {
        Browser.assumeInstalled();
        rig = DashboardRig.start(GatewayFixture.onWallClock(dir.resolve("pool")), dir);
        pool = rig.pool();
        first = pool.startWorker("lab-east", Map.of("zone", "east", "arch", "x86_64"), measuring("lab-east"));
        second = pool.startWorker("lab-west", Map.of("zone", "west"), measuring("lab-west"));
        pool.addUser("ada", Role.ADMIN, ADA_PASSWORD);
        pool.addUser("grace", Role.COMPUTE_USER, GRACE_PASSWORD);
        pool.addUser("lin", Role.COMPUTE_USER, LIN_PASSWORD);
    }

    /** This machine's real load, memory and storage, as OSHI measures them, so that the chart shows real figures. */
    private static ResourceProbe measuring(String worker) throws IOException {
        return new OshiResourceProbe(Files.createDirectories(pool.dir.resolve(worker)), GpuOverride.none());
    }

    @AfterAll
    static void stop() {
        if (rig != null) {
            rig.close();
        }
    }

    @BeforeEach
    void openPage() {
        page = rig.openPage();
    }

    @Test
    void adminSeesBothWorkersRunsACommandWatchesItsOutputAndFindsItInTheHistory() throws Exception {
        page.logIn("ada", ADA_PASSWORD);
        page.awaitCount("#nodes-table tbody tr[data-id]", 2);
        page.awaitText("#stat-nodes", "2");
        List<String> ids = page.settled(d -> page.all("#nodes-table tbody tr[data-id]").stream().map(row -> row.getAttribute("data-id")).toList());
        List<String> rows = page.settled(d -> page.all("#nodes-table tbody tr").stream().map(WebElement::getText).toList());
        assertThat(ids).containsExactlyInAnyOrder(first.value(), second.value());
        assertThat(rows).allSatisfy(row -> assertThat(row).contains("online"));
        assertThat(page.text("#nodes-table")).contains("lab-east", "zone=east", "lab-west", "zone=west");

        page.view("run");
        page.choose("#run-node", first.value());
        page.type("#run-command", "echo hello-from-the-pool");
        page.find("#run-submit").click();
        page.awaitText("#run-job .job-output", "hello-from-the-pool");
        page.awaitText("#run-job .job-exit", "exit code 0");
        assertThat(page.text("#run-job .job-state")).isEqualTo("succeeded");
        assertThat(page.text("#run-job .job-where")).contains(first.value());
        String job = page.text("#run-job .job-id");

        page.view("jobs");
        page.choose("#filter-state", "SUCCEEDED");
        page.choose("#filter-node", first.value());
        By row = By.cssSelector("#jobs-table tr[data-id='" + job + "']");
        rig.browser().waiting().until(ExpectedConditions.visibilityOfElementLocated(row));
        // the table is refreshed while the page is open: a row found may be replaced before it is read or clicked
        assertThat(page.<String>settled(d -> d.findElement(row).getText())).contains("sh -c echo hello-from-the-pool", "ada", "succeeded");
        page.settled(d -> {
            d.findElement(row).click();
            return true;
        });
        page.awaitText("#job-detail .job-output", "hello-from-the-pool");
        page.choose("#filter-state", "FAILED");
        page.awaitText("#jobs-table tbody", "No job matches");

        page.view("overview");
        rig.browser().waiting().until(d -> Integer.parseInt(page.find("#history-chart").getAttribute("data-points")) >= 8);
        rig.browser().screenshot(screenshotFile());
        rig.browser().assertConsoleClean();
    }

    @Test
    void aWrongPasswordIsExplainedAndAComputeUserSeesNoAdminPagesAndCancelsHerJob() {
        page.submitLogin("grace", Secret.of("not-her-password"));
        page.awaitText("#login-error", "wrong user name or password");
        assertThat(page.find("#login-password").getAttribute("value")).isEmpty();

        page.logIn("grace", GRACE_PASSWORD);
        assertThat(page.text("#who-name")).isEqualTo("grace");
        assertThat(page.shown("[data-view-link=run]")).isTrue();
        assertThat(page.shown("[data-view-link=users]")).isFalse();
        assertThat(page.shown("[data-view-link=tokens]")).isFalse();
        rig.browser().driver.navigate().to(rig.dashboard().uri().resolve("/ui/#/users").toString());
        rig.browser().waiting().until(d -> d.getCurrentUrl().endsWith("#/overview"));
        assertThat(page.shown("[data-view=users]")).isFalse();

        page.view("run");
        page.type("#run-command", "sleep 60");
        page.find("#run-submit").click();
        page.awaitText("#run-job .job-state", "running");
        page.find("#run-job .job-cancel").click();
        page.awaitText("#run-job .job-state", "cancelled");
        assertThat(page.text("#run-job .job-where")).matches("on lab-(east|west)-.*");

        page.find("#logout").click();
        rig.browser().waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("login-form")));
        assertThat(page.shown("#app")).isFalse();
        rig.browser().assertConsoleClean();
    }

    @Test
    void aUserWithASecondFactorIsAskedForTheOneTimeCode() throws Exception {
        MfaSetup setup;
        try (PoolClient admin = pool.admin()) {
            setup = admin.mfa().enable("lin");
        }
        page.submitLogin("lin", LIN_PASSWORD);
        rig.browser().waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("login-code")));
        assertThat(page.text("#login-hint")).contains("one-time code");

        page.submitCode(setup.recoveryCodes().get(0).reveal());
        rig.browser().waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("app")));
        assertThat(page.text("#who-name")).isEqualTo("lin");
        rig.browser().assertConsoleClean();
    }

    @Test
    void adminAddsUnlocksRolesRemovesAndCutsOffUsersAndMakesAJoinTokenThatIsShownOnce() throws Exception {
        page.logIn("ada", ADA_PASSWORD);
        page.view("users");
        page.awaitText("#users-table", "grace");
        page.type("#user-name", "kim");
        page.choose("#user-role", "viewer");
        page.type("#user-password", "kim-password-1");
        page.find("#user-form button[type=submit]").click();
        page.awaitText("#user-form-done", "kim can log in now");
        page.awaitText("#users-table", "kim");
        try (PoolClient admin = pool.admin()) {
            assertThat(admin.admin().users()).anySatisfy(u -> {
                assertThat(u.username()).isEqualTo("kim");
                assertThat(u.role()).isEqualTo(Role.VIEWER);
            });
        }
        lockOut("kim");
        By unlock = By.xpath("//table[@id='users-table']//tr[@data-id='kim']//button[text()='Unlock']");
        rig.browser().waiting().until(ExpectedConditions.elementToBeClickable(unlock)).click();
        page.awaitText("#user-form-done", "kim is unlocked");
        try (PoolClient admin = pool.admin()) {
            assertThat(admin.admin().users()).filteredOn(u -> u.username().equals("kim")).singleElement().satisfies(u -> assertThat(u.locked()).isFalse());
        }
        By kimsRole = By.xpath("//table[@id='users-table']//tr[@data-id='kim']//select");
        page.settled(d -> {
            new Select(d.findElement(kimsRole)).selectByValue("compute-user");
            return true;
        });
        page.awaitText("#user-form-done", "kim is compute-user from their next request on");
        try (PoolClient admin = pool.admin()) {
            assertThat(admin.admin().users()).filteredOn(u -> u.username().equals("kim")).singleElement()
                    .satisfies(u -> assertThat(u.role()).isEqualTo(Role.COMPUTE_USER));
        }
        page.settled(d -> {
            d.findElement(By.xpath("//table[@id='users-table']//tr[@data-id='kim']//button[text()='Remove']")).click();
            return true;
        });
        rig.browser().waiting().until(ExpectedConditions.alertIsPresent()).accept();
        page.awaitText("#user-form-done", "kim is removed");
        try (PoolClient admin = pool.admin()) {
            assertThat(admin.admin().users()).noneMatch(u -> u.username().equals("kim"));
        }
        try (PoolClient grace = connect("10.0.0.7:40000").login("grace", GRACE_PASSWORD)) {
            rig.browser().driver.findElement(By.xpath("//table[@id='users-table']//tr[@data-id='grace']//button[text()='End sessions']")).click();
            page.awaitText("#user-form-done", "Every session of grace has ended");
            assertThatThrownBy(grace::ping).isInstanceOf(AuthenticationException.class);
        }

        page.view("tokens");
        page.find("#token-form button[type=submit]").click();
        rig.browser().waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("token-new")));
        assertThat(page.text("#token-new-value")).hasSizeGreaterThan(20);
        assertThat(page.text("#token-new-ca")).isEqualTo(pool.ca.fingerprint().toString());
        page.awaitText("#tokens-table", "usable");
        page.find("#tokens-table button").click();
        page.awaitText("#tokens-table", "revoked");
        page.find("#token-hide").click();
        assertThat(page.shown("#token-new")).isFalse();
        assertThat(page.find("#token-new-value").getAttribute("textContent")).isEmpty();
        rig.browser().assertConsoleClean();
    }

    @Test
    void theBrowserHoldsThePageToThePolicyAndTheConsoleCheckSeesARefusal() {
        rig.browser().assertConsoleClean();
        Object ran = rig.browser().driver.executeScript("const s = document.createElement('script'); s.textContent = 'window.inlineRan = true';"
                + " document.head.append(s); return window.inlineRan === true;");

        assertThat(ran).as("an inline script ran").isEqualTo(false);
        assertThatThrownBy(rig.browser()::assertConsoleClean).hasMessageContaining("Content Security Policy");
    }

    /** Fails to log in as the user until the hub locks the account, from an address of its own. */
    private static void lockOut(String username) {
        for (int i = 0; i < 5; i++) {
            try (PoolClient stranger = connect("10.0.0.9:40000")) {
                assertThatThrownBy(() -> stranger.login(username, Secret.of("not-the-password"))).isInstanceOf(AuthenticationException.class);
            }
        }
        try (PoolClient admin = pool.admin()) {
            assertThat(admin.admin().users()).filteredOn(u -> u.username().equals(username)).singleElement().satisfies(u -> assertThat(u.locked()).isTrue());
        }
    }

    /** A client of the hub as if from another address, so that its failed logins do not count against the browser's. */
    private static PoolClient connect(String address) {
        return PoolClient.over(pool.hub.connectInProcess(address), pool.hub.maxFrameBytes());
    }

    /** The project's root, where docs/ is: the module's parent. */
    /**
     * Where the screenshot goes: {@code target/dashboard.png}, so a test run changes no file of the repository; with
     * {@code -Ddashboard.screenshot=docs} the README's own {@code docs/dashboard.png}, to refresh it.
     */
    private static Path screenshotFile() {
        Path here = Path.of("").toAbsolutePath();
        Path root = Files.exists(here.resolve("pool-http")) ? here : here.getParent();
        return "docs".equals(System.getProperty("dashboard.screenshot"))
                ? root.resolve("docs/dashboard.png") : root.resolve("pool-http/target/dashboard.png");
    }
}
