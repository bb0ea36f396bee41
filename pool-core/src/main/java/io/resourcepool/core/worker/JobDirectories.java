package io.resourcepool.core.worker;

import io.resourcepool.api.JobId;
import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The work directories of a worker's jobs: each made fresh, 0700, with a name of 128 random bits nobody can guess,
 * inside a jobs directory that jobs may pass through but not list (0711 under a root worker, whose jobs have uids of
 * their own; 0700 otherwise), and removed when its job ends, unless they are kept for debugging. The worker's data
 * directory, which holds the jobs directory, is likewise 0711 or 0700, whatever the umask.
 */
final class JobDirectories {
    private static final Logger log = LoggerFactory.getLogger(JobDirectories.class);
    private static final Set<PosixFilePermission> PRIVATE = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> PASSABLE = PosixFilePermissions.fromString("rwx--x--x");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path jobsDirectory;
    private final boolean keep;
    private volatile boolean prepared;

    JobDirectories(Path jobsDirectory, boolean keep) {
        this.jobsDirectory = jobsDirectory.toAbsolutePath();
        this.keep = keep;
    }

    /**
     * Makes a fresh work directory, and the jobs directory first if needed.
     *
     * @return the work directory, 0700
     * @throws IOException when it cannot be made
     */
    Path create() throws IOException {
        prepare();
        byte[] name = new byte[16];
        RANDOM.nextBytes(name);
        return createPrivate(jobsDirectory.resolve(HexFormat.of().formatHex(name)));
    }

    /** The spec's working directory inside the fresh work directory, made for the job: nothing is there to follow yet. */
    static Path createStartDirectory(Path workDir, String workingDirectory) throws IOException {
        Path start = workDir;
        for (String name : workingDirectory.isEmpty() ? new String[0] : workingDirectory.split("/")) {
            start = start.resolve(name);
            if (!Files.isDirectory(start, LinkOption.NOFOLLOW_LINKS)) {
                createPrivate(start);
            }
        }
        return start;
    }

    /**
     * The job has ended: its work directory is removed, or kept (given back to the worker, still 0700) when asked.
     *
     * @param workDir the work directory
     * @param job the job, for the log
     * @param attempt its attempt, for the log
     */
    void finished(Path workDir, JobId job, int attempt) {
        if (!Files.exists(workDir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (keep) {
            reclaim(workDir);
            log.info("job {} attempt {}: work directory kept at {} (worker.keep-work-dirs=true)", job, attempt, workDir);
        } else {
            delete(workDir);
        }
    }

    private synchronized void prepare() throws IOException {
        if (prepared) {
            return;
        }
        boolean root = workerIsRoot();
        Set<PosixFilePermission> mode = root ? PASSABLE : PRIVATE;
        Files.createDirectories(jobsDirectory);
        Files.setPosixFilePermissions(jobsDirectory, mode);
        Path dataDirectory = jobsDirectory.getParent();
        if (dataDirectory != null) {
            Files.setPosixFilePermissions(dataDirectory, mode);
            if (root) {
                requirePassable(dataDirectory.getParent());
            }
        }
        prepared = true;
    }

    /** Jobs of their own uids reach their work directories by path: every directory on the way must let them pass. */
    private static void requirePassable(Path directory) throws IOException {
        for (Path dir = directory; dir != null; dir = dir.getParent()) {
            if (!Files.getPosixFilePermissions(dir).contains(PosixFilePermission.OTHERS_EXECUTE)) {
                throw new IOException("the worker's data directory lies in " + dir + ", which only its owner may pass through: jobs, which"
                        + " run under uids of their own, cannot reach their work directories; keep the data directory where every"
                        + " directory on the way is at least 0711 (for example /var/lib/resourcepool)");
            }
        }
    }

    private static Path createPrivate(Path dir) throws IOException {
        Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PRIVATE));
        // whatever the umask
        Files.setPosixFilePermissions(dir, PRIVATE);
        return dir;
    }

    /** The kept directory goes back to whoever owns the jobs directory: the job's uid may be given to another job. */
    private void reclaim(Path workDir) {
        try (Stream<Path> paths = Files.walk(workDir)) {
            Object uid = Files.getAttribute(jobsDirectory, "unix:uid");
            Object gid = Files.getAttribute(jobsDirectory, "unix:gid");
            for (Iterator<Path> it = paths.iterator(); it.hasNext(); ) {
                Path path = it.next();
                Files.setAttribute(path, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
                Files.setAttribute(path, "unix:gid", gid, LinkOption.NOFOLLOW_LINKS);
            }
            Files.setPosixFilePermissions(workDir, PRIVATE);
        } catch (IOException | RuntimeException e) {
            log.warn("could not give kept work directory {} back to the worker: {}", workDir, e.getMessage());
        }
    }

    private static void delete(Path dir) {
        if (deletedShallow(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            // a job may have taken the write permission away from its own directories
            paths.peek(JobDirectories::writable).sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | RuntimeException e) {
            log.debug("could not remove work directory {}: {}", dir, e.getMessage());
        }
    }

    /**
     * Removes a work directory that holds only files and empty directories, the common case, without walking and
     * sorting a tree; says false, having removed what it could, when anything deeper or locked is left for the walk.
     */
    private static boolean deletedShallow(Path dir) {
        try {
            try {
                Files.delete(dir);
                return true;
            } catch (DirectoryNotEmptyException notEmpty) {
                try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
                    for (Path entry : entries) {
                        // an empty directory, a file or a link (never followed): anything else fails here
                        Files.delete(entry);
                    }
                }
                Files.delete(dir);
                return true;
            }
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static void writable(Path path) {
        try {
            if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
                Files.setPosixFilePermissions(path, PRIVATE);
            }
        } catch (IOException e) {
            // removal says what is left
        }
    }

    private static boolean workerIsRoot() {
        try {
            // /proc/self belongs to this process's effective uid
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | RuntimeException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }
}
