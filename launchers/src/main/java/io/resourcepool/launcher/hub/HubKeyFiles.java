package io.resourcepool.launcher.hub;

import io.resourcepool.core.audit.AnchorSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The files hubs of one pool must share, copied from one hub's data directory to another's: the keys that sign
 * sessions, seal second-factor seeds and job environments and key the audit chain, and the CA under {@code tls/}
 * (docs/STORE.md, "Shared secrets"). Everything but the audit checkpoints, which are each hub's own, and the SQLite
 * files, which hubs sharing a database do not have.
 */
public final class HubKeyFiles {
    private HubKeyFiles() {}

    /**
     * Copies a hub's key files into another hub's (new) data directory.
     *
     * @param from the data directory of a hub that has run
     * @param to the data directory of the hub to start, created when missing
     * @throws UncheckedIOException when a file cannot be read or written
     */
    public static void copy(Path from, Path to) {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else if (shared(file.getFileName().toString())) {
                    Files.copy(file, target);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the hub's key files from " + from + " to " + to, e);
        }
    }

    private static boolean shared(String name) {
        return !name.startsWith(AnchorSettings.DEFAULT_FILE_NAME) && !name.endsWith(".db") && !name.contains(".db-");
    }
}
