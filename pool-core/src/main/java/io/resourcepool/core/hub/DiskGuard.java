package io.resourcepool.core.hub;

import io.resourcepool.api.BusyException;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps new jobs off a hub whose disk is (nearly) full, as Docker and Nomad keep a reserve: a job is refused while
 * the free space of a directory the hub writes to is under the {@link DiskReserve}, and a write that failed for want
 * of space anyway (the check can be raced) is reported the same way instead of as an internal error. Both refusals
 * give the figures and say what to do. No figure is remembered between checks (only which file
 * system each directory is on), so the hub takes jobs again as soon as space is freed, without a restart.
 */
final class DiskGuard {
    private static final Logger log = LoggerFactory.getLogger(DiskGuard.class);
    /** SQLite's result code for a full disk, which sqlite-jdbc gives as the exception's error code. */
    private static final int SQLITE_FULL = 13;
    /** PostgreSQL's SQLSTATE for a full disk. */
    private static final String DISK_FULL_STATE = "53100";
    private static final List<String> FULL_WORDS = List.of("database or disk is full", "SQLITE_FULL", "No space left on device");
    /** Freeing space takes a person; asking again sooner only adds load. */
    static final Duration RETRY_AFTER = Duration.ofSeconds(30);

    private final DiskReserve reserve;
    private final List<Path> directories;
    private final Map<Path, FileStore> fileStores = new ConcurrentHashMap<>();

    DiskGuard(DiskReserve reserve, List<Path> directories) {
        if (directories.isEmpty()) {
            throw new IllegalArgumentException("a disk guard needs at least one directory to watch");
        }
        this.reserve = reserve;
        this.directories = List.copyOf(directories);
    }

    DiskReserve reserve() {
        return reserve;
    }

    /** The watched directory with the least free space now; empty when none can be measured. */
    Optional<DiskSpace> tightest() {
        DiskSpace tightest = null;
        for (Path directory : directories) {
            Optional<DiskSpace> space = measure(directory);
            if (space.isPresent() && (tightest == null || space.get().freeBytes() < tightest.freeBytes())) {
                tightest = space.get();
            }
        }
        return Optional.ofNullable(tightest);
    }

    /** Refuses a new job while the free space is under the reserve. */
    void admitNewJob() {
        Optional<DiskSpace> space = tightest().filter(s -> reserve.breachedBy(s.freeBytes()));
        if (space.isPresent()) {
            throw full(space.get().describe() + ", under the " + DiskSpace.bytes(reserve.minFreeBytes())
                    + " it keeps free (hub.min-free-disk)");
        }
    }

    /**
     * What to tell the submitter of a job whose record could not be written: that the disk is full, with the
     * figures, when that is why; otherwise the failure itself.
     */
    RuntimeException explain(RuntimeException failure) {
        if (!causedByFullDisk(failure)) {
            return failure;
        }
        log.error("the store could not write a new job: the disk is full ({})", failure.getMessage());
        return full(tightest().map(DiskSpace::describe).orElse("no room left") + "; the store could not write the job");
    }

    /** Whether a failure, or one of its causes, is a write refused for want of space (SQLite, PostgreSQL, the JDK). */
    static boolean causedByFullDisk(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && (sql.getErrorCode() == SQLITE_FULL || DISK_FULL_STATE.equals(sql.getSQLState()))) {
                return true;
            }
            String message = String.valueOf(t.getMessage());
            if (FULL_WORDS.stream().anyMatch(message::contains)) {
                return true;
            }
        }
        return false;
    }

    private static BusyException full(String figures) {
        return new BusyException("the hub's disk is full: " + figures + "; new jobs are refused until space is freed", RETRY_AFTER);
    }

    private Optional<DiskSpace> measure(Path directory) {
        try {
            // finding a directory's file system reads the whole mount table; asking it for its space is one statfs
            FileStore store = fileStores.get(directory);
            if (store == null) {
                store = Files.getFileStore(directory);
                fileStores.put(directory, store);
            }
            return Optional.of(new DiskSpace(directory, store.getUsableSpace(), store.getTotalSpace()));
        } catch (IOException e) {
            fileStores.remove(directory);
            log.debug("cannot measure the free space at {}: {}", directory, e.getMessage());
            return Optional.empty();
        }
    }
}
