package io.resourcepool.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import io.resourcepool.api.NodeId;
import io.resourcepool.api.Role;
import io.resourcepool.api.Secret;
import io.resourcepool.api.spi.store.AuditQuery;
import io.resourcepool.core.client.PoolClient;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The dashboard's account and admin pages in real headless Chromium against a real hub and worker over HTTPS (see
 * {@link DashboardBrowserTest} for how the browser is set up): a user changes their password, sets up a second
 * factor whose QR code, read back from the page's pixels, holds the key the page shows, and removes it; an admin resets a lost
 * password and the user must choose a new one before anything else; an admin drains, undrains and removes a node, makes
 * a join token, searches the audit log and verifies its chain. Each action is checked on the hub and by its audit row.
 */
class DashboardAccountBrowserTest {
    private static final Secret ADA_PASSWORD = Secret.of("ada-password-1");
    private static final Secret NOOR_PASSWORD = Secret.of("noor-password-1");
    private static final Secret OMAR_PASSWORD = Secret.of("omar-password-1");

    @TempDir
    static Path dir;

    private static GatewayFixture pool;
    private static DashboardRig rig;
    private static NodeId worker;
    private DashboardPage page;

    @BeforeAll
    static void startPoolAndBrowser() throws Exception {
        Browser.assumeInstalled();
        rig = DashboardRig.start(GatewayFixture.onWallClock(dir.resolve("pool")), dir);
        pool = rig.pool();
        worker = pool.startWorker("lab-north", Map.of("zone", "north"));
        pool.addUser("ada", Role.ADMIN, ADA_PASSWORD);
        pool.addUser("noor", Role.VIEWER, NOOR_PASSWORD);
        pool.addUser("omar", Role.COMPUTE_USER, OMAR_PASSWORD);
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
    void aViewerChangesTheirPasswordAndSetsUpASecondFactorFromItsQrCodeAndRemovesIt() throws Exception {
        Secret chosen = Secret.of("noor-chosen-password");
        page.logIn("noor", NOOR_PASSWORD);
        assertThat(page.shown("[data-view-link=nodes]")).isFalse();
        assertThat(page.shown("[data-view-link=audit]")).isFalse();
        page.view("account");

        changePassword(Secret.of("not-noors-password"), chosen);
        page.awaitText("#password-error", "current password is wrong");
        changePassword(NOOR_PASSWORD, chosen);
        page.awaitText("#password-done", "Your password is changed");
        try (PoolClient noor = PoolClient.over(pool.hub.connectInProcess("10.0.0.5:40000"), pool.hub.maxFrameBytes()).login("noor", chosen)) {
            assertThat(noor.role()).contains(Role.VIEWER);
        }

        page.type("#mfa-current", chosen.reveal());
        page.find("#mfa-setup").click();
        rig.browser().waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("mfa-new")));
        String key = page.text("#mfa-secret").replace(" ", "");
        assertThat(readQr()).startsWith("otpauth://totp/ResourcePool%3Anoor?secret=" + key + "&");
        assertThat(page.all("#mfa-codes li")).hasSize(10);
        assertThat(page.find("#mfa-current").getAttribute("value")).isEmpty();
        page.find("#mfa-hide").click();
        assertThat(page.shown("#mfa-new")).isFalse();
        assertThat(page.find("#mfa-secret").getAttribute("textContent")).isEmpty();

        page.type("#mfa-current", chosen.reveal());
        page.find("#mfa-remove").click();
        page.awaitText("#mfa-done", "Your second factor is removed");
        try (PoolClient noor = PoolClient.over(pool.hub.connectInProcess("10.0.0.5:40001"), pool.hub.maxFrameBytes()).login("noor", chosen)) {
            assertThat(noor.role()).as("the password alone logs in again").contains(Role.VIEWER);
        }

        assertThat(actions("noor")).contains("password-change.failed", "user.password-changed", "user.mfa-enabled", "user.mfa-disabled");
        rig.browser().assertConsoleClean();
    }

    @Test
    void aUserWhosePasswordAnAdminResetMustChooseANewOneFirst() {
        page.logIn("ada", ADA_PASSWORD);
        page.view("users");
        page.type("#reset-name", "omar");
        page.type("#reset-password", "omar-temporary-1");
        page.find("#reset-form button[type=submit]").click();
        page.awaitText("#reset-form-done", "must choose a new one");
        page.find("#logout").click();
        rig.browser().waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("login-form")));

        page.logIn("omar", Secret.of("omar-temporary-1"));
        rig.browser().waiting().until(d -> d.getCurrentUrl().endsWith("#/account"));
        assertThat(page.shown("#account-must-change")).isTrue();
        rig.browser().driver.navigate().to(rig.dashboard().uri().resolve("/ui/#/jobs").toString());
        rig.browser().waiting().until(d -> d.getCurrentUrl().endsWith("#/account"));
        changePassword(Secret.of("omar-temporary-1"), Secret.of("omar-own-password"));
        page.awaitText("#password-done", "Your password is changed");
        assertThat(page.shown("#account-must-change")).isFalse();
        page.view("jobs");
        page.awaitText("#jobs-table tbody", "No job");

        assertThat(actions("omar")).contains("user.password-changed");
        assertThat(pool.store.audit().list(AuditQuery.latest(500))).extracting(e -> e.event().action() + " " + e.event().target())
                .contains("user.password-reset omar");
        rig.browser().assertConsoleClean();
    }

    @Test
    void anAdminDrainsANodeMakesAJoinTokenSearchesTheAuditLogAndVerifiesIt() {
        page.logIn("ada", ADA_PASSWORD);
        page.view("nodes");
        By drain = By.xpath("//table[@id='node-admin-table']//tr[@data-id='" + worker.value() + "']//button[text()='Drain']");
        page.settled(d -> {
            d.findElement(drain).click();
            return true;
        });
        page.awaitText("#node-admin-done", "is drained");
        page.awaitText("#node-admin-table", "drained");
        assertThat(drained()).isTrue();
        By undrain = By.xpath("//table[@id='node-admin-table']//tr[@data-id='" + worker.value() + "']//button[text()='Undrain']");
        page.settled(d -> {
            d.findElement(undrain).click();
            return true;
        });
        page.awaitText("#node-admin-done", "takes new work again");
        assertThat(drained()).isFalse();
        By remove = By.xpath("//table[@id='node-admin-table']//tr[@data-id='" + worker.value() + "']//button[text()='Remove']");
        page.settled(d -> {
            d.findElement(remove).click();
            return true;
        });
        rig.browser().waiting().until(ExpectedConditions.alertIsPresent()).accept();
        page.awaitText("#node-admin-done", "is removed");
        try (PoolClient admin = pool.admin()) {
            assertThat(admin.nodes()).noneMatch(n -> n.id().equals(worker) && n.online());
        }

        page.view("tokens");
        page.find("#token-form button[type=submit]").click();
        rig.browser().waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("token-new")));
        assertThat(page.text("#token-new-value")).hasSizeGreaterThan(20);

        page.view("audit");
        page.find("#audit-verify").click();
        page.awaitText("#audit-verdict", "The audit log is intact");
        assertThat(page.find("#audit-verdict").getAttribute("class")).isEqualTo("verdict-ok");
        page.type("#audit-actor", "ada");
        page.type("#audit-action", "node.");
        page.find("#audit-filter button[type=submit]").click();
        page.awaitText("#audit-table", "node.undrained");
        String found = page.settled(d -> d.findElement(By.id("audit-table")).getText());
        assertThat(found).contains("node.drained", worker.value())
                .doesNotContain("audit.verified");

        assertThat(actions("ada")).contains("node.drained", "node.undrained", "node.removed", "audit.verified");
        rig.browser().assertConsoleClean();
    }

    private void changePassword(Secret current, Secret wanted) {
        page.type("#password-current", current.reveal());
        page.type("#password-new", wanted.reveal());
        page.type("#password-again", wanted.reveal());
        page.find("#password-form button[type=submit]").click();
    }

    /** Reads the QR code the page drew, from a screenshot of its canvas. */
    private String readQr() throws Exception {
        byte[] png = page.find("#mfa-qr").getScreenshotAs(OutputType.BYTES);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        RGBLuminanceSource source = new RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels);
        return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(source))).getText();
    }

    private static boolean drained() {
        try (PoolClient admin = pool.admin()) {
            return admin.nodes().stream().filter(n -> n.id().equals(worker)).findFirst().orElseThrow().drained();
        }
    }

    private static List<String> actions(String actor) {
        return pool.store.audit().list(AuditQuery.latest(500)).stream().filter(e -> e.event().actor().equals(actor))
                .map(e -> e.event().action()).toList();
    }
}
