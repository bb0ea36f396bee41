package io.resourcepool.launcher.client;

import io.resourcepool.api.PoolAggregate;
import io.resourcepool.http.api.Views;
import io.resourcepool.launcher.StartupMarks;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code pool status}: the pool's aggregate over its online nodes. */
@Command(name = "status", mixinStandardHelpOptions = true, description = "Show the pool's total resources over its online nodes.")
public final class StatusCommand implements Callable<Integer> {
    @Mixin
    ClientOptions client;

    @Mixin
    OutputOptions output;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        try (ClientOptions.Connected c = client.connectResumed()) {
            PoolAggregate aggregate = c.client().aggregate();
            StartupMarks.mark("answered");
            output.print(spec.commandLine().getOut(), out -> print(out, aggregate), () -> Views.Aggregate.of(aggregate));
        }
        return 0;
    }

    /**
     * Prints the aggregate.
     *
     * @param out where to print
     * @param a the aggregate
     */
    public static void print(PrintWriter out, PoolAggregate a) {
        out.printf(Locale.ROOT, "online nodes  %d%n", a.onlineNodes());
        out.printf(Locale.ROOT, "CPUs          %d logical, %.1f in use%n", a.logicalCpus(), a.cpusInUse());
        out.printf(Locale.ROOT, "memory        %s total, %s available%n", Units.bytes(a.memoryTotalBytes()), Units.bytes(a.memoryAvailableBytes()));
        out.printf(Locale.ROOT, "storage       %s total, %s available%n", Units.bytes(a.storageTotalBytes()), Units.bytes(a.storageAvailableBytes()));
        out.printf(Locale.ROOT, "GPUs          %d%n", a.gpus());
        out.printf(Locale.ROOT, "computed at   %s%n", a.computedAt());
        out.flush();
    }
}
