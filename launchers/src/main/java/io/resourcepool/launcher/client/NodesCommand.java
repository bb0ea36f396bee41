package io.resourcepool.launcher.client;

import io.resourcepool.core.client.NodeInfo;
import io.resourcepool.http.api.Views;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code pool nodes}: the enrolled nodes, with their state and resources. */
@Command(name = "nodes", mixinStandardHelpOptions = true, description = "List the pool's nodes.")
public final class NodesCommand implements Callable<Integer> {
    @Mixin
    ClientOptions client;

    @Mixin
    OutputOptions output;

    @Spec
    CommandSpec spec;

    @picocli.CommandLine.Option(names = {"-l", "--long"}, description = "also show each node's host name, last heartbeat, sandbox and certificate expiry (JSON always has them)")
    boolean detailed;

    @Override
    public Integer call() {
        try (ClientOptions.Connected c = client.connectResumed()) {
            List<NodeInfo> nodes = c.client().nodes();
            output.print(spec.commandLine().getOut(), out -> {
                print(out, nodes);
                if (detailed) {
                    printDetails(out, nodes);
                }
            }, () -> nodes.stream().map(Views.Node::of).toList());
        }
        return 0;
    }

    private static void printDetails(PrintWriter out, List<NodeInfo> nodes) {
        for (NodeInfo n : nodes) {
            out.println();
            out.println(n.id() + ":");
            out.println("  host            " + n.hostname());
            out.println("  last heartbeat  " + n.lastHeartbeat().map(Object::toString).orElse("never"));
            out.println("  sandbox         " + (n.sandbox().isEmpty() ? "(not connected)" : n.sandbox()));
            out.println("  certificate     " + n.certificateExpiresAt().map(t -> "valid until " + t + " (renewed before)").orElse("(not connected)"));
            n.resources().gpus().forEach(g -> out.printf(Locale.ROOT, "  gpu %-3d         %s%s, %s, memory %s/%s used, %s busy, %d°C, %s%n", g.index(),
                    g.model().startsWith(g.vendor()) ? "" : g.vendor() + " ", g.model(), g.uuid().isEmpty() ? "no UUID" : g.uuid(), Units.bytes(g.memoryUsedBytes()), Units.bytes(g.memoryBytes()),
                    Units.percent(g.utilization()), g.temperatureCelsius(), g.busy() ? "held by job " + g.heldBy() : "free"));
        }
        out.flush();
    }

    /**
     * Prints nodes as a table.
     *
     * @param out where to print
     * @param nodes the nodes
     */
    public static void print(PrintWriter out, List<NodeInfo> nodes) {
        String format = "%-24s %-8s %5s %6s %21s %21s %4s %4s  %s%n";
        out.printf(Locale.ROOT, format, "NODE", "STATE", "CPUS", "LOAD", "MEMORY FREE/TOTAL", "STORAGE FREE/TOTAL", "GPUS", "JOBS", "LABELS");
        for (NodeInfo n : nodes) {
            var r = n.resources();
            out.printf(Locale.ROOT, format, n.id(), n.online() ? (n.drained() ? "drained" : "online") : "offline", r.logicalCpus(),
                    Units.percent(r.cpuLoad()), Units.bytes(r.memoryAvailableBytes()) + "/" + Units.bytes(r.memoryTotalBytes()),
                    Units.bytes(r.storageAvailableBytes()) + "/" + Units.bytes(r.storageTotalBytes()), r.gpus().size(), n.runningJobs(),
                    n.labels().isEmpty() ? "-" : n.labels().toString());
        }
        if (nodes.isEmpty()) {
            out.println("(no nodes yet: an admin makes a join token with `pool admin join-token create`, then start `pool worker`)");
        }
        out.flush();
    }
}
