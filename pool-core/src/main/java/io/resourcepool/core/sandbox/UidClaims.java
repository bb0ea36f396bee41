package io.resourcepool.core.sandbox;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Claims on job uids that every process of the machine respects: a claim is a lock ({@code fcntl}, which the
 * kernel lets go of when its process ends, however it ends) on a file named after the uid, in a directory only
 * the worker's user may write ({@link #MACHINE_DIRECTORY} for root workers). Two root workers on one machine then
 * never give one uid to two jobs, which a search of {@code /proc} alone cannot promise: a uid one worker has just
 * taken has no process yet for the other to see. The files stay (one per uid ever claimed, empty): removing one
 * while another process opens it would let two processes lock two different files of one name.
 *
 * <p>Where the directory cannot be made or is not the worker's own, claims hold within this process only, and the
 * worker says so once. Not thread-safe: {@link JobUids} calls it under its own lock.
 */
final class UidClaims {
    /** Where root workers claim their jobs' uids: {@code /run} is root's, and emptied at each boot. */
    static final Path MACHINE_DIRECTORY = Path.of("/run/resourcepool/job-uids");
    private static final Logger LOG = LoggerFactory.getLogger(UidClaims.class);

    private final Path directory;
    private final Map<Integer, FileChannel> held = new HashMap<>();
    private Optional<String> problem = Optional.empty();
    private boolean checked;

    UidClaims(Path directory) {
        this.directory = directory;
    }

    /**
     * Claims the uid for this process.
     *
     * @param uid a uid this process does not hold
     * @return false when another process holds it; true when this one now does, or when claims cannot be made here
     */
    boolean claim(int uid) {
        if (problem().isPresent()) {
            return true;
        }
        FileChannel file = null;
        try {
            file = FileChannel.open(directory.resolve(Integer.toString(uid)), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    LinkOption.NOFOLLOW_LINKS);
            FileLock lock = file.tryLock();
            if (lock != null) {
                held.put(uid, file);
                return true;
            }
        } catch (IOException | OverlappingFileLockException e) {
            LOG.debug("could not claim job uid {} in {}: {}", uid, directory, e.toString());
        }
        closeQuietly(file);
        return false;
    }

    /** Lets go of a uid this process claimed (nothing when it holds none). */
    void release(int uid) {
        closeQuietly(held.remove(uid));
    }

    /**
     * Says why claims hold within this process only, if they do; looked at once.
     *
     * @return the reason, or empty when other processes see this one's claims
     */
    Optional<String> problem() {
        if (!checked) {
            checked = true;
            problem = OwnDirectory.problem(directory);
            problem.ifPresent(reason -> LOG.warn("job uids are claimed within this worker only ({}): a second root worker on this"
                    + " machine could give a uid to a job of its own while a job here has it", reason));
        }
        return problem;
    }

    private static void closeQuietly(FileChannel file) {
        if (file == null) {
            return;
        }
        try {
            file.close();
        } catch (IOException e) {
            LOG.debug("could not close a job uid's claim: {}", e.toString());
        }
    }
}
