package io.resourcepool.core.probe;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Measures the file system that holds a work directory, or will hold it once it is made. */
final class StorageMeter {
    private static final Logger LOG = LoggerFactory.getLogger(StorageMeter.class);

    private final Path workDirectory;
    private final AtomicBoolean warned = new AtomicBoolean();

    StorageMeter(Path workDirectory) {
        this.workDirectory = workDirectory.toAbsolutePath().normalize();
    }

    /** Size and usable space of a file system. */
    record Storage(long totalBytes, long usableBytes) {}

    /**
     * Size and usable space of that file system; both 0 when it cannot be read (a heartbeat must not fail for it).
     *
     * @return the figures
     */
    Storage measure() {
        try {
            FileStore store = Files.getFileStore(nearestExisting());
            long total = store.getTotalSpace();
            return new Storage(total, Math.min(total, Math.max(0, store.getUsableSpace())));
        } catch (IOException | SecurityException e) {
            if (warned.compareAndSet(false, true)) {
                LOG.warn("cannot measure the file system of {}; reporting no storage: {}", workDirectory, e.toString());
            }
            return new Storage(0, 0);
        }
    }

    private Path nearestExisting() throws IOException {
        for (Path p = workDirectory; p != null; p = p.getParent()) {
            if (Files.exists(p)) {
                return p;
            }
        }
        throw new IOException("no part of " + workDirectory + " exists");
    }
}
