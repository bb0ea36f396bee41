package io.resourcepool.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.resourcepool.api.ConfigurationException;
import io.resourcepool.core.hub.Hub;
import io.resourcepool.http.server.SecurityHeaders;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The extension point the dashboard uses: handlers mounted on {@code /ui} and on {@code /} by another class, beside
 * the API and without touching its routes; their answers get the security headers too; the API's own paths cannot be
 * taken.
 */
class MountsTest {
    @TempDir
    Path dir;

    private GatewayFixture pool;
    private HttpGateway withUi;

    /** Stands in for the dashboard's static files: says which path it was asked for. */
    private static final class Files extends Handler.Abstract {
        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            response.setStatus(200);
            response.getHeaders().put("Content-Type", "text/html;charset=utf-8");
            response.getHeaders().put("Cache-Control", "max-age=3600");
            response.write(true, ByteBuffer.wrap(("<p>" + Request.getPathInContext(request) + "</p>").getBytes(StandardCharsets.UTF_8)), callback);
            return true;
        }
    }

    /** Stands in for the dashboard's redirect of / to /ui/. */
    private static final class ToUi extends Handler.Abstract {
        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            Response.sendRedirect(request, response, callback, 302, "/ui/", false);
            return true;
        }
    }

    @BeforeEach
    void start() {
        pool = GatewayFixture.start(dir);
        withUi = builder(pool.hub).mountPrefix("/ui", new Files()).mountExact("/", new ToUi()).start();
    }

    @AfterEach
    void stop() {
        withUi.close();
        pool.close();
    }

    private HttpGateway.Builder builder(Hub hub) {
        return HttpGateway.builder().hub(hub).identity(pool.ca.serverKeyMaterial()).settings(HttpSettings.on(new InetSocketAddress("127.0.0.1", 0)));
    }

    private HttpResponse<String> get(String path) throws Exception {
        HttpClient client = HttpClient.newBuilder().sslContext(GatewayFixture.trusting(pool.ca)).build();
        return client.send(HttpRequest.newBuilder(withUi.uri().resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void mountedHandlersServeTheirPathsBesideTheApi() throws Exception {
        HttpResponse<String> page = get("/ui/index.html");
        HttpResponse<String> root = get("/");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).isEqualTo("<p>/ui/index.html</p>");
        assertThat(page.headers().firstValue("Cache-Control")).as("a mounted handler may make its files cacheable").contains("max-age=3600");
        assertThat(page.headers().firstValue("Content-Security-Policy")).contains(SecurityHeaders.CONTENT_SECURITY_POLICY);
        assertThat(root.statusCode()).isEqualTo(302);
        assertThat(root.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/ui/"));
        assertThat(root.headers().firstValue("X-Frame-Options")).contains("DENY");
        assertThat(get("/v1/openapi.json").statusCode()).isEqualTo(200);
        assertThat(get("/elsewhere").statusCode()).as("the root mount is exact").isEqualTo(404);
    }

    @Test
    void theApisOwnPathsCannotBeTaken() {
        assertThatThrownBy(() -> builder(pool.hub).mountPrefix("/v1", new Files()).start()).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("/v1");
        assertThatThrownBy(() -> builder(pool.hub).mountExact("/metrics", new Files()).start()).isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> builder(pool.hub).mountPrefix("/ui", new Files()).mountPrefix("/ui", new Files()).start())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("already has a handler");
        assertThatThrownBy(() -> builder(pool.hub).mountPrefix("/ui/", new Files()).start()).isInstanceOf(IllegalArgumentException.class);
    }
}
