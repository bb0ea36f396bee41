package io.resourcepool.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's {@code curl} session, taken from the README and run as written by bash with real {@code curl} and
 * {@code jq}, against a real hub serving HTTPS with its own certificate and a real worker: the login, the pool's
 * totals, a command run, a job's live output and the logout all do what the README says. Only the address, the CA
 * file and the typed password are supplied, as the block's own variables allow. curl verifies the certificate for
 * {@code 127.0.0.1} (the block's address) and for {@code localhost}.
 */
class ReadmeCurlSessionTest {
    private static final Path README = Path.of("..", "README.md");
    private static final Pattern BLOCK = Pattern.compile("<!-- ReadmeCurlSessionTest runs the next block as written -->\\n```bash\\n(.*?)```",
            Pattern.DOTALL);

    @TempDir
    Path dir;

    private static boolean installed(String tool) throws Exception {
        return new ProcessBuilder("sh", "-c", "command -v " + tool).start().waitFor() == 0;
    }

    @Test
    void theCurlSessionRunsAsWritten() throws Exception {
        assumeTrue(installed("curl") && installed("jq"), "the README's curl session needs curl and jq (Debian: apt-get install curl jq); .ci/run installs them");
        Matcher block = BLOCK.matcher(Files.readString(README, StandardCharsets.UTF_8));
        assertThat(block.find()).as("the curl session block in " + README).isTrue();
        Path script = Files.writeString(dir.resolve("session.sh"), block.group(1));

        try (LivePool pool = new LivePool(dir, Map.of("http.bind", "127.0.0.1:0"))) {
            pool.enrollWorker("readme-w");
            ProcessBuilder bash = new ProcessBuilder("bash", "-euo", "pipefail", script.toString()).directory(dir.toFile())
                    .redirectErrorStream(true);
            bash.environment().put("POOL_API", pool.hub.httpUri().orElseThrow().toString());
            bash.environment().put("POOL_CA", pool.hub.caCertificateFile().toString());
            Process session = bash.start();
            try (OutputStream typed = session.getOutputStream()) {
                typed.write((LivePool.ADMIN_PASSWORD.reveal() + "\n").getBytes(StandardCharsets.UTF_8));
            }
            String output = new String(session.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(session.waitFor(60, TimeUnit.SECONDS)).isTrue();

            assertThat(session.exitValue()).as(output).isZero();
            assertThat(output).contains("\"onlineNodes\":1", "\"stdout\":\"Linux", "\"exitCode\":0", "\"state\":\"SUCCEEDED\"");
            assertThat(output).contains("event: output", "step 1", "step 3", "event: result");
            assertThat(output).doesNotContain(LivePool.ADMIN_PASSWORD.reveal(), "\"status\":4", "curl: (");
            assertThat(curlVerifies(pool, "localhost")).as("the certificate names localhost too").isEqualTo("200");
        }
    }

    /** Whether curl, checking the server's name against its certificate, reaches the API by this host name. */
    private static String curlVerifies(LivePool pool, String host) throws Exception {
        Process curl = new ProcessBuilder("curl", "-sS", "-o", "/dev/null", "-w", "%{http_code}", "--cacert", pool.hub.caCertificateFile().toString(),
                "https://" + host + ":" + pool.hub.httpUri().orElseThrow().getPort() + "/v1/openapi.json").redirectErrorStream(true).start();
        String answer = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        curl.waitFor(30, TimeUnit.SECONDS);
        return answer;
    }
}
