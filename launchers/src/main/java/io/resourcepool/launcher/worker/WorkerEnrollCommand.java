package io.resourcepool.launcher.worker;

import io.resourcepool.api.ConfigurationException;
import io.resourcepool.api.NodeId;
import io.resourcepool.launcher.ConfigOptions;
import io.resourcepool.launcher.config.ConfigKey;
import io.resourcepool.launcher.config.PropertiesFileUpdate;
import io.resourcepool.launcher.config.Settings;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code pool worker enroll}: the one step of a worker's installation. It joins the hub with the join token (so a bad
 * token, a wrong fingerprint or an unreachable hub shows here, not later in the service's log), leaves the worker's
 * key and certificate in its data directory, and writes the hub, its fingerprint and the labels into the
 * configuration file the service reads. The token is used once and written nowhere.
 */
@Command(name = "enroll", mixinStandardHelpOptions = true,
        description = "Join a hub with a join token and write the worker's configuration file (default /etc/resourcepool/worker.properties),"
                + " for the resourcepool-worker service; then: systemctl enable --now resourcepool-worker")
public final class WorkerEnrollCommand implements Callable<Integer> {
    /** The configuration file of the installed worker service. */
    static final Path INSTALLED_CONFIG = Path.of("/etc/resourcepool/worker.properties");

    @Mixin
    ConfigOptions config;

    @Mixin
    WorkerJoinOptions join;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException, ExecutionException {
        Path file = config.fileOr(INSTALLED_CONFIG);
        if (!Files.isRegularFile(file)) {
            throw new ConfigurationException("configuration file " + file + " does not exist; install the resourcepool package,"
                    + " or name the worker's file with --config FILE");
        }
        join.putInto(config);
        join.discoverInto(config, spec.commandLine().getOut());
        Settings s = config.settings();
        if (s.secret(ConfigKey.WORKER_JOIN_TOKEN_ENV, ConfigKey.WORKER_JOIN_TOKEN_FILE).isEmpty()) {
            throw new ConfigurationException("enrolling needs a join token: give --join-token-file FILE or --join-token-env VAR"
                    + " (an admin makes one with: pool admin join-token create)");
        }
        WorkerRuntime runtime = WorkerRuntime.start(WorkerCommand.plan(s));
        NodeId node = WorkerCommand.awaitRegistered(runtime);
        runtime.close();
        Map<ConfigKey, String> joined = new LinkedHashMap<>();
        joined.put(ConfigKey.WORKER_HUB, s.required(ConfigKey.WORKER_HUB));
        joined.put(ConfigKey.WORKER_CA_FINGERPRINT, s.required(ConfigKey.WORKER_CA_FINGERPRINT));
        s.text(ConfigKey.WORKER_LABELS).ifPresent(labels -> joined.put(ConfigKey.WORKER_LABELS, labels));
        PropertiesFileUpdate.set(file, joined);
        PrintWriter out = spec.commandLine().getOut();
        out.println("enrolled with hub " + s.required(ConfigKey.WORKER_HUB) + " as node " + node + "; its key and certificate are in "
                + s.path(ConfigKey.WORKER_DATA_DIR) + ", and " + String.join(", ", joined.keySet().stream().map(ConfigKey::key).toList())
                + " in " + file);
        out.println("start it with: systemctl enable --now resourcepool-worker");
        out.flush();
        return 0;
    }
}
