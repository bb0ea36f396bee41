package io.resourcepool.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.resourcepool.http.server.SecurityHeaders;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The dashboard's files as the hub serves them: the page and every script, style and image it loads (followed
 * through the ES modules' imports) with its media type and the security headers, revalidated by entity tag; the
 * page written for the strict Content-Security-Policy (no inline script, style or handler); and nothing but those
 * files reachable under {@code /ui/}.
 */
class DashboardFilesTest {
    private static final Pattern REFERENCE = Pattern.compile("(?:src|href)=\"([^\"#:]+)\"");
    private static final Pattern IMPORT = Pattern.compile("(?m)^import [^;]*? from '([^']+)';$");

    @TempDir
    static Path dir;

    private static GatewayFixture pool;
    private static HttpGateway dashboard;
    private static HttpClient http;

    @BeforeAll
    static void start() {
        pool = GatewayFixture.start(dir);
        dashboard = DashboardGateway.start(pool);
        http = HttpClient.newBuilder().sslContext(GatewayFixture.trusting(pool.ca)).connectTimeout(Duration.ofSeconds(10)).build();
    }

    @AfterAll
    static void stop() {
        dashboard.close();
        pool.close();
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(dashboard.uri().resolve(path));
    }

    private static HttpResponse<String> get(String path) {
        return send(request(path));
    }

    @Test
    void theRootAndUiWithoutSlashLeadToThePage() {
        for (String path : new String[] {"/", "/ui"}) {
            HttpResponse<String> moved = get(path);
            assertThat(moved.statusCode()).as(path).isEqualTo(302);
            assertThat(URI.create(path).resolve(moved.headers().firstValue("Location").orElseThrow()).getPath()).as(path).isEqualTo("/ui/");
        }
    }

    @Test
    void thePageAndEverythingItLoadsIsServedWithItsTypeAndTheSecurityHeaders() {
        Map<String, String> served = new LinkedHashMap<>();
        Deque<String> toVisit = new ArrayDeque<>();
        toVisit.add("/ui/");
        while (!toVisit.isEmpty()) {
            String path = toVisit.pop();
            if (served.containsKey(path)) {
                continue;
            }
            HttpResponse<String> file = get(path);
            assertThat(file.statusCode()).as(path).isEqualTo(200);
            SecurityHeaders.HEADERS.forEach((name, value) -> {
                if (!name.equals("Cache-Control")) {
                    assertThat(file.headers().firstValue(name)).as(path + ": " + name).contains(value);
                }
            });
            assertThat(file.headers().firstValue("Cache-Control")).as(path).contains("no-cache");
            assertThat(file.headers().firstValue("ETag")).as(path).hasValueSatisfying(tag -> assertThat(tag).matches("\"[0-9a-f]{24}\""));
            String type = file.headers().firstValue("Content-Type").orElseThrow();
            served.put(path, type);
            Pattern references = path.endsWith(".js") ? IMPORT : REFERENCE;
            Matcher m = references.matcher(path.endsWith(".map") ? "" : file.body());
            while (m.find()) {
                toVisit.add(URI.create(path).resolve(m.group(1)).getPath());
            }
        }
        assertThat(served).containsEntry("/ui/", "text/html;charset=utf-8")
                .containsEntry("/ui/js/app.js", "text/javascript;charset=utf-8")
                .containsEntry("/ui/js/views/history-chart.js", "text/javascript;charset=utf-8")
                .containsEntry("/ui/css/dashboard.css", "text/css;charset=utf-8")
                .containsEntry("/ui/lib/picocss__pico/css/pico.min.css", "text/css;charset=utf-8")
                .containsEntry("/ui/lib/chart.js/dist/chart.umd.min.js", "text/javascript;charset=utf-8")
                .containsEntry("/ui/favicon.svg", "image/svg+xml");
    }

    @Test
    void thePageHasNoInlineScriptStyleOrHandlerForTheContentSecurityPolicyToRefuse() {
        String page = get("/ui/").body();
        assertThat(Pattern.compile("<script(?![^>]*\\bsrc=)[^>]*>").matcher(page).find()).as("a script without src").isFalse();
        assertThat(page).doesNotContain("<style", " style=", "javascript:");
        assertThat(Pattern.compile("\\son[a-z]+=", Pattern.CASE_INSENSITIVE).matcher(page).find()).as("an inline event handler").isFalse();
    }

    @Test
    void aFileTheBrowserHasIsConfirmedWithoutItsBody() {
        HttpResponse<String> first = get("/ui/js/app.js");
        String tag = first.headers().firstValue("ETag").orElseThrow();
        HttpResponse<String> again = send(request("/ui/js/app.js").header("If-None-Match", tag));
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
        assertThat(again.headers().firstValue("ETag")).contains(tag);
        HttpResponse<String> changed = send(request("/ui/js/app.js").header("If-None-Match", "\"0123456789abcdef01234567\""));
        assertThat(changed.statusCode()).isEqualTo(200);
        assertThat(changed.body()).isEqualTo(first.body());
    }

    @Test
    void headAnswersTheLengthWithoutTheBody() {
        HttpResponse<String> head = send(request("/ui/css/dashboard.css").method("HEAD", HttpRequest.BodyPublishers.noBody()));
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(head.headers().firstValueAsLong("Content-Length").orElseThrow()).isEqualTo(get("/ui/css/dashboard.css").body().length());
    }

    @Test
    void otherMethodsAreRefused() {
        HttpResponse<String> posted = send(request("/ui/").POST(HttpRequest.BodyPublishers.ofString("x")));
        assertThat(posted.statusCode()).isEqualTo(405);
        assertThat(posted.headers().firstValue("Allow")).contains("GET, HEAD");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/ui/nothing.js", "/ui/js/", "/ui/.hidden.js", "/ui/Dashboard.class", "/ui/io/resourcepool/http/ui/Assets.class",
            "/ui/lib/chart.js/package.json", "/ui/lib/kurkle__color/dist/color.esm.js", "/ui/lib/chart.js", "/ui/js/app.js.bak",
            "/ui/%2e%2e/api/openapi.json", "/ui/js/..%2f..%2fapi/openapi.json", "/ui/lib/chart.js/4.5.1/dist/chart.umd.min.js"})
    void nothingElseIsReachable(String path) {
        HttpResponse<String> refused = get(path);
        assertThat(refused.statusCode()).as(path).isIn(400, 404);
        assertThat(refused.body()).as(path).doesNotContain("Chart.js v", "\"openapi\"", "login-form");
        assertThat(refused.headers().firstValue("Content-Security-Policy")).as(path).contains(SecurityHeaders.CONTENT_SECURITY_POLICY);
    }
}
