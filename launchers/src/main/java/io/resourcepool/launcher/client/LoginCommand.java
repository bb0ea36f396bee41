package io.resourcepool.launcher.client;

import io.resourcepool.api.AuthenticationException;
import io.resourcepool.api.ConfigurationException;
import io.resourcepool.api.Secret;
import io.resourcepool.core.client.PoolClient;
import io.resourcepool.launcher.config.ConfigKey;
import io.resourcepool.launcher.discovery.DiscoverOptions;
import io.resourcepool.launcher.config.Settings;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
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

    @Mixin
    DiscoverOptions discover;

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

    @Option(names = "--code-env", paramLabel = "VAR",
            description = "read the one-time code (or a recovery code) from this environment variable, for an account with a second factor")
    String codeEnv;

    @Option(names = "--code-file", paramLabel = "FILE", description = "read the one-time code (or a recovery code) from this file")
    Path codeFile;

    @Override
    public Integer call() {
        Secret password = password();
        Optional<Secret> code = codeFile != null ? Optional.of(Secret.fromFile(codeFile))
                : Optional.ofNullable(codeEnv).map(variable -> Secret.fromEnvironment(variable, System.getenv(), "--code-env"));
        discover.putInto(client.config);
        discover.find(client.settings(), Optional.ofNullable(client.hub), client.settings().text(ConfigKey.CLIENT_CA_FINGERPRINT),
                spec.commandLine().getOut()).ifPresent(found -> client.useHub(found.hub(), found.caFingerprint()));
        Settings s = client.settings();
        try (ClientOptions.Connected c = client.connect()) {
            logIn(c.client(), password, code);
            SavedSession.of(s.required(ConfigKey.CLIENT_HUB), s.required(ConfigKey.CLIENT_CA_FINGERPRINT), user, c.client())
                    .write(client.sessionFile());
            spec.commandLine().getOut().println("logged in to " + s.required(ConfigKey.CLIENT_HUB) + " as " + user + " ("
                    + c.client().role().orElseThrow().wireName() + "); session valid until " + c.client().sessionExpiresAt().orElseThrow()
                    + c.client().refreshExpiresAt().map(t -> ", renewed without a password while in use (its refresh token lapses if unused until " + t + ")")
                            .orElse(""));
            if (c.client().passwordChangeRequired()) {
                spec.commandLine().getErr().println("an admin reset your password: choose a new one now with `pool passwd`;"
                        + " nothing else is allowed until then");
            }
        }
        return 0;
    }

    /** Logs in; when the hub asks for a one-time code that was not given up front, asks for it at the terminal. */
    private void logIn(PoolClient pool, Secret password, Optional<Secret> code) {
        try {
            pool.login(user, password, code.orElse(Secret.of("")));
        } catch (AuthenticationException e) {
            if (code.isPresent() || e.reason() != AuthenticationException.Reason.CODE_REQUIRED) {
                throw e;
            }
            Console console = System.console();
            if (console == null) {
                throw new ConfigurationException("this account needs a one-time code and there is no terminal to ask for it:"
                        + " give it with --code-env VAR or --code-file FILE", e);
            }
            pool.login(user, password, Secret.of(new String(console.readPassword("One-time code for %s (or a recovery code): ", user))));
        }
    }

    private Secret password() {
        if (passwordEnv != null) {
            return Secret.fromEnvironment(passwordEnv, System.getenv(), "--password-env");
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
