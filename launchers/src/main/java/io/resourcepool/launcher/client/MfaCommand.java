package io.resourcepool.launcher.client;

import io.resourcepool.api.Secret;
import io.resourcepool.core.auth.MfaSetup;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code pool admin user mfa enable|disable NAME}: second factors (one-time codes from an authenticator app). */
@Command(name = "mfa", mixinStandardHelpOptions = true,
        description = "Set up or remove a user's second factor (TOTP codes from an authenticator app, and recovery codes).")
final class MfaCommand {
    @Spec
    CommandSpec spec;

    @Command(name = "enable", mixinStandardHelpOptions = true,
            description = "Give another user a new second factor, replacing any they had, and show its QR code, key and recovery codes once"
                    + " (admin only). Your own: `pool mfa setup`, which asks for your password.")
    int enable(@Mixin ClientOptions client, @Parameters(paramLabel = "NAME", description = "the login name") String name,
            @Option(names = "--output-file", paramLabel = "FILE",
                    description = "write the URI and recovery codes to this file (0600) instead of the terminal") Path outputFile) {
        MfaSetup setup;
        try (ClientOptions.Connected c = client.connectResumed()) {
            setup = c.client().mfa().enable(name);
        }
        return show(spec.commandLine().getOut(), setup, outputFile);
    }

    /** Prints a new second factor: its QR code, key, URI and recovery codes, or writes them to a 0600 file. */
    static int show(PrintWriter out, MfaSetup setup, Path outputFile) {
        String name = setup.username();
        if (outputFile != null) {
            TokenFiles.write(outputFile, Secret.of(String.join("\n", shown(setup))));
            out.println("second factor of " + name + " set up; its URI and " + setup.recoveryCodes().size()
                    + " recovery codes are in " + outputFile + " (shown nowhere else, ever)");
            return 0;
        }
        out.println("second factor of " + name + " set up. Scan this code with an authenticator app:");
        TerminalQr.draw(setup.otpauthUri().reveal()).forEach(line -> out.println("    " + line));
        shown(setup).forEach(out::println);
        return 0;
    }

    @Command(name = "disable", mixinStandardHelpOptions = true,
            description = "Remove another user's second factor (admin only): they log in with their password alone. Your own: `pool mfa remove`.")
    int disable(@Mixin ClientOptions client, @Parameters(paramLabel = "NAME", description = "the login name") String name) {
        try (ClientOptions.Connected c = client.connectResumed()) {
            c.client().mfa().disable(name);
        }
        spec.commandLine().getOut().println("removed the second factor of " + name);
        return 0;
    }

    private static List<String> shown(MfaSetup setup) {
        List<String> lines = new java.util.ArrayList<>(List.of(
                "or type this key into it (time-based, 6 digits, 30 seconds): " + grouped(setup.base32Seed().reveal()),
                "otpauth URI: " + setup.otpauthUri().reveal(),
                "recovery codes, each good for one login without the app (keep them safe; they are shown only now):"));
        setup.recoveryCodes().forEach(code -> lines.add("    " + code.reveal()));
        return lines;
    }

    private static String grouped(String key) {
        return String.join(" ", key.split("(?<=\\G.{4})"));
    }
}
