package io.resourcepool.launcher.client;

import io.resourcepool.api.AuthenticationException;
import io.resourcepool.api.ConfigurationException;
import io.resourcepool.core.client.PoolClient;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.InstantSource;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Logs a client in with the saved session, renewing it silently with its refresh token when the session token has
 * expired, and saves the new pair.
 *
 * <p>A refresh token works once: a second use ends the whole family, as a theft would. Two commands of the same user
 * that find the session expired at the same time (two shells, or the pool agent's parallel commands) must therefore
 * not both refresh. The renewal runs under a lock, in this process and (an exclusive lock on {@code FILE.lock}) across
 * processes, and reads the file again once it holds the lock: when another command has renewed it meanwhile, this one
 * resumes the new session instead of spending the old refresh token a second time.
 *
 * <p>A session whose saved expiry has passed is renewed without a resume first, so that an expired token is not
 * offered to the hub (a refused resume counts towards the per-address limit of failed logins).
 */
final class SessionRenewal {
    /** A session token this close to its end is renewed rather than resumed. */
    static final Duration MARGIN = Duration.ofSeconds(30);

    private static final ReentrantLock IN_THIS_PROCESS = new ReentrantLock();

    private final Path file;
    private final InstantSource clock;

    SessionRenewal(Path file, InstantSource clock) {
        this.file = file;
        this.clock = clock;
    }

    /**
     * Logs the client in with the saved session: resumes it, or renews it when it has expired.
     *
     * @throws AuthenticationException when the session has ended and cannot be renewed (no refresh token, or the
     *     family ended: expired, logged out, revoked)
     */
    void logIn(PoolClient client, SavedSession saved) {
        if (!saved.expiredAt(clock.instant(), MARGIN)) {
            try {
                client.resume(saved.token());
                return;
            } catch (AuthenticationException e) {
                if (saved.refreshToken().reveal().isEmpty()) {
                    throw e;
                }
            }
        }
        renew(client, saved);
    }

    private void renew(PoolClient client, SavedSession saved) {
        IN_THIS_PROCESS.lock();
        try (FileChannel channel = openLockFile(); FileLock held = channel.lock()) {
            SavedSession now = SavedSession.read(file).orElseThrow(() -> new AuthenticationException("you logged out meanwhile"));
            if (!now.token().matches(saved.token())) {
                client.resume(now.token()); // another command renewed it while this one waited
                return;
            }
            if (now.refreshToken().reveal().isEmpty()) {
                throw new AuthenticationException("your session expired and was kept without a refresh token");
            }
            client.refresh(now.refreshToken());
            now.renewedBy(client).write(file);
        } catch (IOException e) {
            throw new ConfigurationException("cannot lock " + lockFile() + " to renew the session: " + e.getMessage(), e);
        } finally {
            IN_THIS_PROCESS.unlock();
        }
    }

    private FileChannel openLockFile() throws IOException {
        Path lock = lockFile();
        if (!Files.exists(lock)) {
            try {
                Files.createFile(lock, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (java.nio.file.FileAlreadyExistsException raced) {
                // another command made it first: use theirs
            }
        }
        return FileChannel.open(lock, StandardOpenOption.WRITE);
    }

    private Path lockFile() {
        return file.resolveSibling(file.getFileName() + ".lock");
    }
}
