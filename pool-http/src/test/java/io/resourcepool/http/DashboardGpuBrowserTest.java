package io.resourcepool.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.resourcepool.api.NodeResources;
import io.resourcepool.api.Role;
import io.resourcepool.api.Secret;
import io.resourcepool.core.probe.FixedResourceProbe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The dashboard's GPUs in real headless Chromium: a real worker whose probe states two GPUs of two models runs a job
 * that claims one A100; the nodes table shows each GPU's model, memory, load and temperature, the A100 busy with
 * that job and the L4 free; the job's card says which GPU it holds while it runs and its GPU-seconds once it has
 * ended, after which the A100 is free again and the overview shows the user's GPU time. See {@link DashboardBrowserTest} for how the browser trusts the hub.
 */
class DashboardGpuBrowserTest {
    private static final Secret GRACE_PASSWORD = Secret.of("grace-password-1");
    private static final NodeResources.Gpu A100 = new NodeResources.Gpu(0, "GPU-a100-0000", "NVIDIA", "NVIDIA A100-SXM4-40GB",
            40L << 30, 10L << 30, 0.35, 51);
    private static final NodeResources.Gpu L4 = new NodeResources.Gpu(1, "GPU-l4-1111", "NVIDIA", "NVIDIA L4", 24L << 30, 0, 0.0, 38);

    @TempDir
    static Path dir;

    private static GatewayFixture pool;
    private static DashboardRig rig;

    @BeforeAll
    static void startPoolAndBrowser() throws Exception {
        Browser.assumeInstalled();
        rig = DashboardRig.start(GatewayFixture.onWallClock(dir.resolve("pool")), dir);
        pool = rig.pool();
        NodeResources withGpus = new NodeResources(4, 0.25, 8L << 30, 6L << 30, 100L << 30, 40L << 30, List.of(A100, L4));
        pool.startWorker("lab-gpu", Map.of(), new FixedResourceProbe(withGpus));
        pool.addUser("grace", Role.COMPUTE_USER, GRACE_PASSWORD);
    }

    @AfterAll
    static void stop() {
        if (rig != null) {
            rig.close();
        }
    }

    @Test
    void eachGpuShowsItsFiguresAndTheJobHoldingItAndAJobShowsItsGpusAndGpuSeconds() throws Exception {
        Path release = dir.resolve("release");
        String token = pool.login("grace", GRACE_PASSWORD);
        Reply submitted = pool.post("/v1/jobs", token, "{\"command\": [\"sh\", \"-c\", \"while [ ! -e '" + release
                + "' ]; do sleep 0.1; done\"], \"limits\": {\"gpus\": 1, \"gpuModel\": \"a100\"}}");
        assertThat(submitted.status()).isEqualTo(202);
        String job = submitted.json().path("id").asText();

        DashboardPage page = rig.openPage();
        page.logIn("grace", GRACE_PASSWORD);
        String a100 = "#nodes-table .gpu[data-gpu='NVIDIA:0']";
        String l4 = "#nodes-table .gpu[data-gpu='NVIDIA:1']";
        page.awaitText(a100, "busy: " + job.substring(0, 8));
        assertThat(page.<String>settled(d -> page.text(a100))).contains("NVIDIA A100-SXM4-40GB", "10.0 GiB / 40.0 GiB", "35% busy", "51°C");
        assertThat(page.<String>settled(d -> page.find(a100).getAttribute("title"))).isEqualTo("GPU-a100-0000");
        assertThat(page.<String>settled(d -> page.text(l4))).contains("NVIDIA L4", "0 B / 24.0 GiB", "0% busy", "38°C", "free");

        page.view("jobs");
        By row = By.cssSelector("#jobs-table tr[data-id='" + job + "']");
        rig.browser().waiting().until(ExpectedConditions.visibilityOfElementLocated(row));
        page.settled(d -> {
            d.findElement(row).click();
            return true;
        });
        page.awaitText("#job-detail .job-gpus", "1 GPU asked for; holds 0 (NVIDIA A100-SXM4-40GB, GPU-a100-0000)");

        Files.createFile(release);
        page.awaitText("#job-detail .job-state", "succeeded");
        page.awaitText("#job-detail .job-gpus", "GPU-seconds");
        assertThat(page.text("#job-detail .job-gpus")).matches("1 GPU asked for; [0-9.]+ GPU-seconds");
        page.awaitText("#jobs-table tr[data-id='" + job + "']", "succeeded");

        page.view("overview");
        page.awaitText(a100, "free");
        page.awaitText("#usage-table tr[data-id='grace']", "grace");
        assertThat(page.<String>settled(d -> page.text("#usage-table tr[data-id='grace']"))).matches("grace [0-9.]+");
        rig.browser().assertConsoleClean();
    }
}
