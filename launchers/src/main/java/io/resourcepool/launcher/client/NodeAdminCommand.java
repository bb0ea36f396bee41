package io.resourcepool.launcher.client;

import io.resourcepool.api.NodeId;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code pool admin node remove|drain|undrain}: take machines out of the pool, for a while or for good. */
@Command(name = "node", mixinStandardHelpOptions = true, description = "Remove, drain and undrain nodes.")
final class NodeAdminCommand {
    @Spec
    CommandSpec spec;

    @Command(name = "remove", mixinStandardHelpOptions = true,
            description = "Remove a node: its certificate is refused from now on, its connection closes and its running jobs are lost. "
                    + "It can come back only by enrolling with a new join token.")
    int remove(@Mixin ClientOptions client, @Parameters(paramLabel = "NAME", description = "the node's name, as `pool nodes` shows it") String name) {
        try (ClientOptions.Connected c = client.connectResumed()) {
            c.client().admin().removeNode(NodeId.of(name));
        }
        spec.commandLine().getOut().println("removed node " + name + " (its certificate is revoked)");
        return 0;
    }

    @Command(name = "drain", mixinStandardHelpOptions = true, description = "Drain a node: it takes no new work and finishes what it has.")
    int drain(@Mixin ClientOptions client, @Parameters(paramLabel = "NAME", description = "the node's name") String name) {
        try (ClientOptions.Connected c = client.connectResumed()) {
            c.client().admin().drain(NodeId.of(name), true);
        }
        spec.commandLine().getOut().println("drained node " + name + ": it takes no new work");
        return 0;
    }

    @Command(name = "undrain", mixinStandardHelpOptions = true, description = "Put a drained node back to work.")
    int undrain(@Mixin ClientOptions client, @Parameters(paramLabel = "NAME", description = "the node's name") String name) {
        try (ClientOptions.Connected c = client.connectResumed()) {
            c.client().admin().drain(NodeId.of(name), false);
        }
        spec.commandLine().getOut().println("undrained node " + name + ": it takes new work again");
        return 0;
    }
}
