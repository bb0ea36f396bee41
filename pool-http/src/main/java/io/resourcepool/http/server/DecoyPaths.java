package io.resourcepool.http.server;

import java.util.List;
import java.util.Locale;

/**
 * Paths nothing honest asks for: what scanners try first on any HTTPS port (an admin page, a leaked {@code .env}, a
 * WordPress login, phpMyAdmin, a command runner). Nothing links to them; a request for one, or for anything below one,
 * is a prober. Compared without regard to case, as the scanners' targets often are.
 *
 * @param paths each starting with {@code /}, without a trailing one
 */
public record DecoyPaths(List<String> paths) {
    /** The paths served as decoys unless configured otherwise. */
    public static final DecoyPaths DEFAULT = new DecoyPaths(List.of("/admin", "/.env", "/api/run", "/wp-login.php", "/wp-admin",
            "/phpmyadmin", "/.git/config", "/actuator/env", "/server-status", "/config.json"));

    /** No decoys: the honeypot off. */
    public static final DecoyPaths NONE = new DecoyPaths(List.of());

    /** Checks and copies the paths. */
    public DecoyPaths {
        paths = paths.stream().map(p -> p.toLowerCase(Locale.ROOT)).toList();
        for (String path : paths) {
            if (!path.startsWith("/") || path.length() < 2 || path.endsWith("/") || path.contains("*")) {
                throw new IllegalArgumentException("a decoy path starts with /, names something, and has no trailing / or wildcard; was '"
                        + path + "'");
            }
            if (path.equals("/v1") || path.startsWith("/v1/") || path.equals("/metrics") || path.startsWith("/ui")
                    || path.startsWith("/.well-known")) {
                throw new IllegalArgumentException("the decoy path " + path + " is one the hub serves for real");
            }
        }
    }

    /**
     * Whether a request's path is a decoy or below one.
     *
     * @param requestPath the path as requested
     * @return true for a decoy
     */
    public boolean matches(String requestPath) {
        String path = requestPath.toLowerCase(Locale.ROOT);
        for (String decoy : paths) {
            if (path.equals(decoy) || path.startsWith(decoy + "/")) {
                return true;
            }
        }
        return false;
    }
}
