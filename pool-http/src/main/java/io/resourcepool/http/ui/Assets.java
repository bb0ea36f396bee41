package io.resourcepool.http.ui;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Finds the dashboard's files on the class path: its own under {@value #OWN_ROOT}, and the front-end libraries'
 * under {@code lib/NAME/...} in their WebJars. Only paths made of plain segments (letters, digits, {@code . _ -},
 * never starting with a dot) and of a known file type are looked up, so nothing else on the class path can be
 * reached. Found files are kept in memory; they are few and small.
 */
final class Assets {
    /** Where the dashboard's own files live on the class path. */
    static final String OWN_ROOT = "/io/resourcepool/http/ui/";

    private static final Pattern SAFE_PATH = Pattern.compile("([A-Za-z0-9_-][A-Za-z0-9._-]*/)*[A-Za-z0-9_-][A-Za-z0-9._-]*");
    private static final Map<String, String> MEDIA_TYPES = Map.of(
            "html", "text/html;charset=utf-8",
            "css", "text/css;charset=utf-8",
            "js", "text/javascript;charset=utf-8",
            "map", "application/json",
            "svg", "image/svg+xml",
            "png", "image/png");

    private final WebJars webJars;
    private final Map<String, Asset> found = new ConcurrentHashMap<>();

    Assets(WebJars webJars) {
        this.webJars = webJars;
    }

    /**
     * The file at a path below {@code /ui/}.
     *
     * @param path for example {@code js/app.js} or {@code lib/chart.js/dist/chart.umd.min.js}
     * @return the file, when the path is one the dashboard serves
     */
    Optional<Asset> find(String path) {
        Optional<String> mediaType = mediaType(path);
        if (mediaType.isEmpty() || !SAFE_PATH.matcher(path).matches()) {
            return Optional.empty();
        }
        Asset known = found.get(path);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<Asset> loaded = resource(path).flatMap(Assets::read).map(bytes -> new Asset(bytes, mediaType.get()));
        loaded.ifPresent(asset -> found.put(path, asset));
        return loaded;
    }

    private Optional<String> resource(String path) {
        if (!path.startsWith("lib/")) {
            return Optional.of(OWN_ROOT + path);
        }
        String rest = path.substring("lib/".length());
        int slash = rest.indexOf('/');
        return slash < 0 ? Optional.empty() : webJars.resource(rest.substring(0, slash), rest.substring(slash + 1));
    }

    private static Optional<String> mediaType(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? Optional.empty() : Optional.ofNullable(MEDIA_TYPES.get(path.substring(dot + 1).toLowerCase(Locale.ROOT)));
    }

    private static Optional<byte[]> read(String resource) {
        try (InputStream in = Assets.class.getResourceAsStream(resource)) {
            return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the dashboard's file " + resource, e);
        }
    }
}
