package io.resourcepool.core.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;

/** Reads the few facts about Unix accounts the sandbox needs, from files, without starting a process. */
final class UnixAccounts {
    private static final Path PASSWD = Path.of("/etc/passwd");
    private static final Path GROUP = Path.of("/etc/group");

    /** The ids the account files listed, as of their versions. */
    private record Listed(List<Object> versions, java.util.Set<Integer> ids) {}

    private static volatile Listed listed;

    private UnixAccounts() {}

    /** The effective uid of this JVM, or -1 when it cannot be told. */
    static int effectiveUid() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    return Integer.parseInt(line.substring(4).trim().split("\\s+")[1]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // no /proc (not Linux): fall back on the user name below
        }
        return "root".equals(System.getProperty("user.name")) ? 0 : -1;
    }

    /**
     * Every uid {@code /etc/passwd} gives to a user and every gid {@code /etc/group} gives to a group. The files are
     * read again only when either changed (its modification time, size or inode), not for every job.
     *
     * @return a set the caller may change
     */
    static java.util.Set<Integer> listedIds() {
        List<Object> versions = List.of(versionOf(PASSWD), versionOf(GROUP));
        Listed known = listed;
        if (known == null || !known.versions().equals(versions)) {
            known = new Listed(versions, idsIn(List.of(lines(PASSWD), lines(GROUP))));
            listed = known;
        }
        return new java.util.HashSet<>(known.ids());
    }

    private static java.util.Set<Integer> idsIn(List<List<String>> files) {
        java.util.Set<Integer> ids = new java.util.HashSet<>();
        for (List<String> file : files) {
            for (String line : file) {
                String[] fields = line.split(":", -1);
                if (fields.length >= 3 && fields[2].matches("\\d{1,9}")) {
                    ids.add(Integer.parseInt(fields[2]));
                }
            }
        }
        return java.util.Set.copyOf(ids);
    }

    /** What tells a file's contents changed without reading it; a file that cannot be looked at has its own marker. */
    private static Object versionOf(Path file) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return List.of(attributes.lastModifiedTime(), attributes.size(), String.valueOf(attributes.fileKey()));
        } catch (IOException e) {
            return "unreadable";
        }
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            return List.of();
        }
    }
}
