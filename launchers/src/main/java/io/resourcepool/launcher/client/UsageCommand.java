package io.resourcepool.launcher.client;

import io.resourcepool.core.client.UserUsage;
import io.resourcepool.http.api.Views;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code pool usage}: each user's GPU time, every user's for an admin and one's own otherwise. */
@Command(name = "usage", mixinStandardHelpOptions = true,
        description = "Show the GPU time of each user's jobs the hub keeps (an admin sees every user, anyone else themselves).")
public final class UsageCommand implements Callable<Integer> {
    @Mixin
    ClientOptions client;

    @Mixin
    OutputOptions output;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        try (ClientOptions.Connected c = client.connectResumed()) {
            List<UserUsage> users = c.client().usage();
            output.print(spec.commandLine().getOut(), out -> {
                out.printf(Locale.ROOT, "%-24s %14s%n", "USER", "GPU-SECONDS");
                users.forEach(u -> out.printf(Locale.ROOT, "%-24s %14.1f%n", u.username(), u.gpuSeconds()));
                if (users.isEmpty()) {
                    out.println("(no GPU time among the jobs the hub keeps)");
                }
                out.flush();
            }, () -> users.stream().map(Views.Usage::of).toList());
        }
        return 0;
    }
}
