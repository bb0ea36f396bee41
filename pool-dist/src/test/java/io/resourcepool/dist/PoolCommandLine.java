package io.resourcepool.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A person at a shell using the release's {@code pool} command: the program to run, their home directory (where
 * {@code pool login} keeps the session) and their environment.
 *
 * @param pool the command that runs {@code pool}, e.g. {@code [.../bin/pool]} or {@code [/usr/bin/pool]}
 * @param home the person's {@code HOME}, also the working directory
 * @param environment the rest of their environment ({@code PATH}, password variables)
 * @param logs where each command's output files go
 */
record PoolCommandLine(List<String> pool, Path home, Map<String, String> environment, Path logs) {
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);

    PoolCommandLine {
        pool = List.copyOf(pool);
        environment = Map.copyOf(environment);
    }

    /**
     * Starts {@code pool ARGS}.
     *
     * @param args what follows {@code pool}
     * @return the running command
     */
    ReleaseProcess start(List<String> args) {
        List<String> command = new ArrayList<>(pool);
        command.addAll(args);
        Map<String, String> env = new HashMap<>(environment);
        env.put("HOME", home.toString());
        return ReleaseProcess.start(command, home, env, logs);
    }

    /**
     * Runs {@code pool ARGS} to its end and checks that it succeeded.
     *
     * @param args what follows {@code pool}
     * @return its standard output
     */
    String succeed(String... args) {
        try (ReleaseProcess command = start(List.of(args))) {
            ReleaseProcess.Finished finished = command.awaitExit(COMMAND_TIMEOUT);
            assertThat(finished.exitCode()).as(finished.transcript()).isZero();
            return finished.stdout();
        }
    }

    /**
     * Logs in as {@code admin} and makes a join token for one worker.
     *
     * @param hub the hub
     * @param passwordVariable the variable of {@link #environment()} that holds admin's password
     * @param tokenFile where the join token goes (0600)
     */
    void loginAndMakeJoinToken(HubBanner hub, String passwordVariable, Path tokenFile) {
        succeed("login", "--hub", hub.address(), "--ca-fingerprint", hub.caFingerprint(), "--user", "admin", "--password-env", passwordVariable);
        succeed("admin", "join-token", "create", "--output-file", tokenFile.toString());
    }
}
