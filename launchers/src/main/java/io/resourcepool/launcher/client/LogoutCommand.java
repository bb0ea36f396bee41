package io.resourcepool.launcher.client;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code pool logout}: ends the saved session on the hub and forgets it. */
@Command(name = "logout", mixinStandardHelpOptions = true, description = "End the saved session on the hub and forget it.")
public final class LogoutCommand implements Callable<Integer> {
    @Mixin
    ClientOptions client;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        try (ClientOptions.Connected c = client.connectResumed()) {
            c.client().logout();
        } finally {
            SavedSession.delete(client.sessionFile());
        }
        spec.commandLine().getOut().println("logged out");
        return 0;
    }
}
