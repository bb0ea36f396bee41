package io.resourcepool.http.ui;

import io.resourcepool.http.server.Problems;
import java.util.List;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Serves the dashboard below {@value #PREFIX}: {@code /ui/} is the page, other paths its scripts, styles and images,
 * and {@code /ui/lib/...} the libraries' files from their WebJars. Every answer is a file; the data comes from the
 * API, with the token the page holds. Files are sent with their media type, a strong entity tag and
 * {@code Cache-Control: no-cache}: the browser keeps them but asks each time whether they changed, and a
 * {@code 304} answers it, so a page never mixes files of two versions of the hub. The gateway's security headers
 * stay on every answer.
 */
final class DashboardFiles extends Handler.Abstract {
    /** Where the dashboard is mounted. */
    static final String PREFIX = "/ui";

    private static final String INDEX = "index.html";

    private final Assets assets;

    DashboardFiles(Assets assets) {
        this.assets = assets;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String path = Request.getPathInContext(request);
        if (!path.startsWith(PREFIX)) {
            return false;
        }
        String method = request.getMethod();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            Problems.methodNotAllowed(method, List.of("GET", "HEAD")).send(response, callback);
            return true;
        }
        if (path.equals(PREFIX)) {
            Response.sendRedirect(request, response, callback, PREFIX + "/");
            return true;
        }
        String file = path.substring(PREFIX.length() + 1);
        Optional<Asset> asset = assets.find(file.isEmpty() ? INDEX : file);
        if (asset.isEmpty()) {
            Problems.notFound("the dashboard has no file at " + path).send(response, callback);
            return true;
        }
        send(asset.get(), request, response, callback);
        return true;
    }

    private static void send(Asset asset, Request request, Response response, Callback callback) {
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache");
        response.getHeaders().put(HttpHeader.ETAG, asset.etag());
        String wanted = request.getHeaders().get(HttpHeader.IF_NONE_MATCH);
        if (wanted != null && (wanted.contains(asset.etag()) || wanted.strip().equals("*"))) {
            response.setStatus(HttpStatus.NOT_MODIFIED_304);
            response.write(true, null, callback);
            return;
        }
        response.setStatus(HttpStatus.OK_200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, asset.mediaType());
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, asset.length());
        response.write(true, request.getMethod().equals("HEAD") ? null : asset.content(), callback);
    }
}
