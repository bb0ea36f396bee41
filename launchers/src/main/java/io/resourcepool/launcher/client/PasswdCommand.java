package io.resourcepool.launcher.client;

import io.resourcepool.api.ConfigurationException;
import io.resourcepool.api.Secret;
import java.io.Console;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pool passwd}: changes the logged-in user's own password. Every other session of theirs ends; the saved
 * session is replaced by the new one the hub opens, so the other commands go on working.
 */
@Command(name = "passwd", mixinStandardHelpOptions = true,
        description = "Change your own password. Your other sessions end; this one is kept. Passwords never come from the command line.")
public final class PasswdCommand implements Callable<Integer> {
    @Mixin
    ClientOptions client;

    @Spec
    CommandSpec spec;

    @Option(names = "--current-password-env", paramLabel = "VAR", description = "read the current password from this environment variable")
    String currentEnv;

    @Option(names = "--current-password-file", paramLabel = "FILE", description = "read the current password from this file")
    Path currentFile;

    @Option(names = "--new-password-env", paramLabel = "VAR", description = "read the new password from this environment variable")
    String newEnv;

    @Option(names = "--new-password-file", paramLabel = "FILE", description = "read the new password from this file")
    Path newFile;

    @Override
    public Integer call() {
        Secret current = PasswordInput.read("--current-password", currentEnv, currentFile, "Current password: ");
        Secret wanted = newEnv != null || newFile != null ? PasswordInput.read("--new-password", newEnv, newFile, "") : promptTwice();
        SavedSession saved = SavedSession.read(client.sessionFile()).orElseThrow(() ->
                new ConfigurationException("not logged in: run `pool login` first"));
        try (ClientOptions.Connected c = client.connectResumed()) {
            c.client().changePassword(current, wanted);
            saved.renewedBy(c.client()).write(client.sessionFile());
        }
        spec.commandLine().getOut().println("password changed for " + saved.username() + "; your other sessions have ended");
        return 0;
    }

    private static Secret promptTwice() {
        Console console = PasswordInput.console("--new-password");
        char[] first = console.readPassword("New password: ");
        char[] again = console.readPassword("New password again: ");
        if (!Arrays.equals(first, again)) {
            throw new ConfigurationException("the two new passwords differ; nothing was changed");
        }
        return Secret.of(new String(first));
    }
}
