package io.resourcepool.dist;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The settings of a systemd service unit that decide how its program starts, read from the installed file, and the
 * command line that starts it the same way where systemd is not PID 1: {@code setpriv} switches to {@code User=},
 * keeps only {@code CapabilityBoundingSet=} and sets {@code NoNewPrivileges=}, in {@code WorkingDirectory=}, with
 * the environment systemd gives a service. The file-system settings ({@code ProtectSystem=} and the like) need
 * systemd itself; {@code systemd-analyze verify} checks them.
 *
 * @param execStart the program and its arguments
 * @param user the user it runs as
 * @param workingDirectory where it starts
 * @param capabilities the capability bounding set, lower-case without {@code CAP_} (empty: none)
 * @param noNewPrivileges whether {@code NoNewPrivileges=yes}
 * @param variables what its {@code Environment=} lines set
 */
record SystemdUnit(List<String> execStart, String user, Path workingDirectory, List<String> capabilities, boolean noNewPrivileges,
                   Map<String, String> variables) {
    SystemdUnit {
        execStart = List.copyOf(execStart);
        capabilities = List.copyOf(capabilities);
        variables = Map.copyOf(variables);
    }

    /**
     * Reads a unit file's {@code [Service]} section.
     *
     * @param file the unit file
     * @return its settings
     */
    static SystemdUnit read(Path file) {
        Map<String, String> service = new LinkedHashMap<>();
        Map<String, String> variables = new LinkedHashMap<>();
        String section = "";
        try {
            for (String line : Files.readAllLines(file)) {
                String text = line.strip();
                if (text.startsWith("[")) {
                    section = text;
                } else if (section.equals("[Service]") && !text.isEmpty() && !text.startsWith("#") && text.contains("=")) {
                    String key = text.substring(0, text.indexOf('='));
                    String value = text.substring(text.indexOf('=') + 1);
                    service.put(key, value);
                    if (key.equals("Environment")) {
                        Arrays.stream(value.split("\\s+")).filter(v -> v.contains("="))
                                .forEach(v -> variables.put(v.substring(0, v.indexOf('=')), v.substring(v.indexOf('=') + 1)));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read unit " + file, e);
        }
        String exec = Optional.ofNullable(service.get("ExecStart")).orElseThrow(() -> new IllegalStateException(file + " has no ExecStart"));
        if (exec.contains("\"") || exec.contains("'") || exec.contains("$") || exec.matches("^[-@:+!].*")) {
            throw new IllegalStateException(file + ": ExecStart uses quoting, variables or prefixes, which this reading does not handle: " + exec);
        }
        String bounding = service.getOrDefault("CapabilityBoundingSet", "");
        List<String> capabilities = Arrays.stream(bounding.split("\\s+")).filter(c -> !c.isEmpty())
                .map(c -> c.toLowerCase(Locale.ROOT).replaceFirst("^cap_", "")).toList();
        return new SystemdUnit(Arrays.asList(exec.split("\\s+")), service.getOrDefault("User", "root"),
                Path.of(service.getOrDefault("WorkingDirectory", "/")), service.containsKey("CapabilityBoundingSet") ? capabilities : List.of("all"),
                service.getOrDefault("NoNewPrivileges", "no").equals("yes"), variables);
    }

    /**
     * The command line that starts the unit's program as systemd would, through {@code setpriv}.
     *
     * @return the command line
     */
    List<String> commandLine() {
        List<String> command = new ArrayList<>(List.of("setpriv"));
        if (!user.equals("root")) {
            command.addAll(List.of("--reuid=" + user, "--regid=" + user, "--init-groups"));
        }
        String keep = capabilities.stream().map(c -> ",+" + c).reduce("", String::concat);
        command.add(capabilities.contains("all") ? "--bounding-set=+all" : "--bounding-set=-all" + keep);
        command.add("--inh-caps=-all");
        if (noNewPrivileges) {
            command.add("--no-new-privs");
        }
        command.add("--");
        command.addAll(execStart);
        return command;
    }

    /**
     * The environment systemd gives the service: its own few variables for {@code User=}, then {@code Environment=}.
     *
     * @param home the user's home directory
     * @return the variables
     */
    Map<String, String> environment(Path home) {
        Map<String, String> env = new LinkedHashMap<>(Map.of("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
                "HOME", home.toString(), "USER", user, "LOGNAME", user, "SHELL", user.equals("root") ? "/bin/bash" : "/usr/sbin/nologin"));
        env.putAll(variables);
        return env;
    }
}
