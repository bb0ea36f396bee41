package io.resourcepool.core.sandbox;

import io.resourcepool.api.SandboxException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Iterator;
import java.util.stream.Stream;

/** What a sandbox does to a job's work directory so that the job, and only the job, may use it. */
final class WorkDirectories {
    private WorkDirectories() {}

    /**
     * Gives the work directory, and everything in it, to a job that runs under a uid of its own; leaves it alone
     * otherwise. Symbolic links are changed themselves, never followed.
     *
     * @param workDirectory the job's work directory
     * @param identity the job's identity
     * @throws SandboxException when the owner cannot be changed
     */
    static void handOver(Path workDirectory, JobUser.Identity identity) {
        if (!identity.own()) {
            return;
        }
        try (Stream<Path> paths = Files.walk(workDirectory)) {
            for (Iterator<Path> it = paths.iterator(); it.hasNext(); ) {
                Path path = it.next();
                Files.setAttribute(path, "unix:uid", identity.uid(), LinkOption.NOFOLLOW_LINKS);
                Files.setAttribute(path, "unix:gid", identity.uid(), LinkOption.NOFOLLOW_LINKS);
            }
        } catch (IOException | UnsupportedOperationException e) {
            throw new SandboxException("cannot give work directory " + workDirectory + " to job uid " + identity.uid() + ": " + e.getMessage(), e);
        }
    }

    /**
     * A private temporary directory inside the work directory ({@code .tmp}, 0700), for a sandbox whose jobs share
     * the host's {@code /tmp}.
     *
     * @param workDirectory the job's work directory
     * @return the directory, made if missing
     * @throws SandboxException when it cannot be made
     */
    static Path privateTemporary(Path workDirectory) {
        Path tmp = workDirectory.resolve(".tmp");
        try {
            if (!Files.isDirectory(tmp, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectory(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwx------"));
            return tmp;
        } catch (IOException e) {
            throw new SandboxException("cannot make the private temporary directory " + tmp + ": " + e.getMessage(), e);
        }
    }
}
