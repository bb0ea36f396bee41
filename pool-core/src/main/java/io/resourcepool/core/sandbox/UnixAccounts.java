package io.resourcepool.core.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Reads the few facts about Unix accounts the sandbox needs, from files, without starting a process. */
final class UnixAccounts {
    private UnixAccounts() {}

    /** A user and its primary group. */
    record Account(String name, int uid, int gid) {
        String describe() {
            return "'" + name + "' (uid " + uid + ", gid " + gid + ")";
        }
    }

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

    /** Finds {@code name}, {@code uid} or {@code uid:gid}; a bare uid takes its group from /etc/passwd, else its own number. */
    static Optional<Account> find(String runAs) {
        if (runAs.matches("\\d{1,9}:\\d{1,9}")) {
            String[] ids = runAs.split(":");
            return Optional.of(new Account(runAs, Integer.parseInt(ids[0]), Integer.parseInt(ids[1])));
        }
        Optional<Account> listed = passwd().stream()
                .map(line -> line.split(":", -1))
                .filter(f -> f.length >= 4 && (f[0].equals(runAs) || f[2].equals(runAs)) && f[2].matches("\\d{1,9}") && f[3].matches("\\d{1,9}"))
                .findFirst()
                .map(f -> new Account(f[0], Integer.parseInt(f[2]), Integer.parseInt(f[3])));
        if (listed.isEmpty() && runAs.matches("\\d{1,9}")) {
            int id = Integer.parseInt(runAs);
            return Optional.of(new Account(runAs, id, id));
        }
        return listed;
    }

    private static List<String> passwd() {
        try {
            return Files.readAllLines(Path.of("/etc/passwd"));
        } catch (IOException e) {
            return List.of();
        }
    }
}
