package io.resourcepool.launcher.client;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code pool admin alerts test}: has the hub send a test alert to every webhook it is configured with. */
@Command(name = "alerts", mixinStandardHelpOptions = true, description = "Check the hub's alert webhooks (admin role).")
final class AlertsCommand {
    @Spec
    CommandSpec spec;

    @Command(name = "test", mixinStandardHelpOptions = true,
            description = "Have the hub send a test alert to every configured webhook (audited). It arrives after the hub's quiet period"
                    + " (alerts.quiet-period); a failed delivery is in the hub's log and in resourcepool_alert_deliveries_failed_total.")
    int test(@Mixin ClientOptions client) {
        try (ClientOptions.Connected c = client.connectResumed()) {
            c.client().admin().testAlert();
        }
        spec.commandLine().getOut().println("test alert requested; it is sent to every webhook once the hub's quiet period has passed");
        return 0;
    }
}
