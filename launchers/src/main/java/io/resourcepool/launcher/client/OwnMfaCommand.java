package io.resourcepool.launcher.client;

import io.resourcepool.api.Secret;
import io.resourcepool.core.auth.MfaSetup;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pool mfa setup|remove}: the logged-in user's own second factor, any role. Each asks for the current password
 * (step-up), so that a stolen session alone cannot swap or remove it; a wrong one counts as a failed login.
 */
@Command(name = "mfa", mixinStandardHelpOptions = true,
        description = "Set up, replace or remove your own second factor (one-time codes from an authenticator app); asks for your password.")
public final class OwnMfaCommand {
    @Spec
    CommandSpec spec;

    /** Where the current password comes from. */
    static final class CurrentPassword {
        @Option(names = "--current-password-env", paramLabel = "VAR", description = "read your current password from this environment variable")
        String env;

        @Option(names = "--current-password-file", paramLabel = "FILE", description = "read your current password from this file")
        Path file;

        Secret read() {
            return PasswordInput.read("--current-password", env, file, "Current password: ");
        }
    }

    @Command(name = "setup", mixinStandardHelpOptions = true,
            description = "Give yourself a new second factor, replacing any you had, and show its QR code, key and recovery codes once.")
    int setup(@Mixin ClientOptions client, @Mixin CurrentPassword password,
            @Option(names = "--output-file", paramLabel = "FILE",
                    description = "write the URI and recovery codes to this file (0600) instead of the terminal") Path outputFile) {
        Secret current = password.read();
        MfaSetup setup;
        try (ClientOptions.Connected c = client.connectResumed()) {
            setup = c.client().mfa().setUpOwn(current);
        }
        return MfaCommand.show(spec.commandLine().getOut(), setup, outputFile);
    }

    @Command(name = "remove", mixinStandardHelpOptions = true,
            description = "Remove your own second factor: you log in with your password alone.")
    int remove(@Mixin ClientOptions client, @Mixin CurrentPassword password) {
        Secret current = password.read();
        try (ClientOptions.Connected c = client.connectResumed()) {
            c.client().mfa().removeOwn(current);
        }
        spec.commandLine().getOut().println("removed your second factor; you log in with your password alone");
        return 0;
    }
}
