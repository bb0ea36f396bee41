package io.resourcepool.core.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Reads the few facts about Unix accounts the sandbox needs, from files, without starting a process. */
final class UnixAccounts {
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

    /** Every uid {@code /etc/passwd} gives to a user and every gid {@code /etc/group} gives to a group. */
    static java.util.Set<Integer> listedIds() {
        java.util.Set<Integer> ids = new java.util.HashSet<>();
        for (List<String> file : List.of(passwd(), lines(Path.of("/etc/group")))) {
            for (String line : file) {
                String[] fields = line.split(":", -1);
                if (fields.length >= 3 && fields[2].matches("\\d{1,9}")) {
                    ids.add(Integer.parseInt(fields[2]));
                }
            }
        }
        return ids;
    }

    private static List<String> passwd() {
        return lines(Path.of("/etc/passwd"));
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            return List.of();
        }
    }
}
