package io.resourcepool.launcher.client;

import io.resourcepool.api.ConfigurationException;
import io.resourcepool.api.Secret;
import io.resourcepool.launcher.config.ConfigKey;
import io.resourcepool.launcher.config.Settings;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code pool login}: logs in and keeps the session for the other commands. */
@Command(name = "login", mixinStandardHelpOptions = true,
        description = "Log in to a hub and keep the session (in client.session-file, readable only by you) for the other commands.")
public final class LoginCommand implements Callable<Integer> {
    @Mixin
    ClientOptions client;

    @Spec
    CommandSpec spec;

    @Option(names = {"-u", "--user"}, required = true, paramLabel = "NAME", description = "user name")
    String user;

    @Option(names = "--password-env", paramLabel = "VAR", description = "read the password from this environment variable")
    String passwordEnv;

    @Option(names = "--password-file", paramLabel = "FILE", description = "read the password from this file")
    Path passwordFile;

    @Option(names = "--password-stdin", description = "read the password from the first line of standard input")
    boolean passwordStdin;

    @Override
    public Integer call() {
        Secret password = password();
        Settings s = client.settings();
        try (ClientOptions.Connected c = client.connect()) {
            c.client().login(user, password);
            new SavedSession(s.required(ConfigKey.CLIENT_HUB), s.required(ConfigKey.CLIENT_CA_FINGERPRINT), user,
                    c.client().sessionToken().orElseThrow()).write(client.sessionFile());
            spec.commandLine().getOut().println("logged in to " + s.required(ConfigKey.CLIENT_HUB) + " as " + user + " ("
                    + c.client().role().orElseThrow().wireName() + "); session valid until " + c.client().sessionExpiresAt().orElseThrow());
        }
        return 0;
    }

    private Secret password() {
        if (passwordEnv != null) {
            String value = System.getenv(passwordEnv);
            if (value == null || value.isEmpty()) {
                throw new ConfigurationException("--password-env names " + passwordEnv + ", which is not set");
            }
            return Secret.of(value);
        }
        if (passwordFile != null) {
            return Secret.fromFile(passwordFile);
        }
        if (passwordStdin) {
            try {
                String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
                if (line == null || line.isEmpty()) {
                    throw new ConfigurationException("--password-stdin: standard input held no password");
                }
                return Secret.of(line);
            } catch (IOException e) {
                throw new ConfigurationException("--password-stdin: cannot read standard input: " + e.getMessage(), e);
            }
        }
        Console console = System.console();
        if (console == null) {
            throw new ConfigurationException("no terminal to ask for the password: use --password-env, --password-file or --password-stdin");
        }
        return Secret.of(new String(console.readPassword("Password for %s: ", user)));
    }
}
