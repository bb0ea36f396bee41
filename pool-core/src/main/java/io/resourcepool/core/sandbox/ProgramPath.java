package io.resourcepool.core.sandbox;

import io.resourcepool.api.SandboxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the file a command's program names, the way a shell would, but with the job's own {@code PATH}.
 *
 * <p>The JDK would search the worker's {@code PATH}, and {@code setpriv} the job's; resolving here gives the
 * same answer in both cases, and a clear error before anything is started. The program is then started by its
 * absolute path, so it sees that path as its {@code argv[0]}.
 */
final class ProgramPath {
    private ProgramPath() {}

    /**
     * Finds the program.
     *
     * @param program the first word of the command
     * @param searchPath the job's {@code PATH}
     * @param workDirectory where relative paths start
     * @return the program's absolute path
     * @throws SandboxException naming the program when no executable file is found
     */
    static Path locate(String program, String searchPath, Path workDirectory) {
        Optional<Path> found = program.contains("/")
                ? executable(workDirectory, program)
                : search(program, searchPath, workDirectory);
        return found.orElseThrow(() -> new SandboxException("cannot start '" + shorten(program)
                + "': No such file or directory" + (program.contains("/") ? "" : " (searched PATH " + shorten(searchPath) + ")")));
    }

    private static Optional<Path> search(String program, String searchPath, Path workDirectory) {
        for (String directory : searchPath.split(":", -1)) {
            // an empty PATH entry means the current directory, as in POSIX sh
            Optional<Path> found = executable(directory.isEmpty() ? workDirectory : workDirectory.resolve(directory), program);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    private static Optional<Path> executable(Path directory, String program) {
        try {
            Path candidate = directory.resolve(program).toAbsolutePath();
            return Files.isRegularFile(candidate) && Files.isExecutable(candidate) ? Optional.of(candidate) : Optional.empty();
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
    }

    private static String shorten(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "…";
    }
}
