package io.resourcepool.launcher.demo;

import io.resourcepool.launcher.bench.HubsBench;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code pool demo}: runs the whole pool in one process and shows it working. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Run a whole pool in this process and show it working.",
                "A hub on SQLite in a temporary directory, two workers that enroll with join tokens over TLS on loopback,",
                "a user who logs in, the pool's totals, and a few commands. Everything is stopped and removed at the end."})
public final class DemoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--keep", description = "keep the temporary directory (to look at the SQLite file and certificates)")
    boolean keep;

    @Option(names = "--hubs", defaultValue = "1", paramLabel = "N",
            description = "with 2 or more: N hubs (processes) on a PostgreSQL of the demo's own, one killed with SIGKILL while jobs run"
                    + " (needs PostgreSQL installed)")
    int hubs;

    @Override
    public Integer call() throws Exception {
        if (hubs > 1) {
            return HubsBench.demo(spec.commandLine().getOut(), hubs);
        }
        if (hubs < 1) {
            throw new IllegalArgumentException("--hubs must be 1 or more, was " + hubs);
        }
        // passable but not listable: a root worker's jobs, under uids of their own, go through it to their work
        Path dir = Files.createTempDirectory("resourcepool-demo-",
                java.nio.file.attribute.PosixFilePermissions.asFileAttribute(java.nio.file.attribute.PosixFilePermissions.fromString("rwx--x--x")));
        try {
            new Demo(spec.commandLine().getOut(), dir).run();
            return 0;
        } finally {
            if (keep) {
                spec.commandLine().getOut().println("kept " + dir);
            } else {
                Demo.deleteTree(dir);
            }
        }
    }
}
