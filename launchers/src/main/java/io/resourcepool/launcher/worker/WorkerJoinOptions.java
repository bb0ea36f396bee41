package io.resourcepool.launcher.worker;

import io.resourcepool.launcher.ConfigOptions;
import io.resourcepool.launcher.config.ConfigKey;
import io.resourcepool.launcher.config.Settings;
import io.resourcepool.launcher.discovery.DiscoverOptions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The flags that say which hub a worker joins, with what token and labels: shared by {@code pool worker} and its {@code enroll}. */
public final class WorkerJoinOptions {
    @Option(names = "--hub", paramLabel = "HOST:PORT[,HOST:PORT...]", description = "the hub, or several tried in turn (worker.hub)")
    String hub;

    @Option(names = "--ca-fingerprint", paramLabel = "SHA256", description = "the hub's CA fingerprint (worker.ca-fingerprint)")
    String fingerprint;

    @Option(names = "--join-token-file", paramLabel = "FILE", description = "file holding a join token (first start only)")
    Path joinTokenFile;

    @Option(names = "--join-token-env", paramLabel = "VAR", description = "environment variable holding a join token (first start only)")
    String joinTokenEnv;

    @Option(names = "--label", paramLabel = "KEY=VALUE", description = "a label for scheduling, repeatable (worker.labels)")
    Map<String, String> labels = new LinkedHashMap<>();

    @Mixin
    DiscoverOptions discover;

    /**
     * Records the flags given in the configuration, where they win over its file.
     *
     * @param config the command's configuration
     */
    void putInto(ConfigOptions config) {
        config.put(ConfigKey.WORKER_HUB, hub);
        config.put(ConfigKey.WORKER_CA_FINGERPRINT, fingerprint);
        config.put(ConfigKey.WORKER_JOIN_TOKEN_FILE, joinTokenFile);
        config.put(ConfigKey.WORKER_JOIN_TOKEN_ENV, joinTokenEnv);
        if (!labels.isEmpty()) {
            config.put(ConfigKey.WORKER_LABELS, String.join(",", labels.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList()));
        }
    }

    /**
     * With {@code --discover}: finds the hub on the local network and records it, with the fingerprint to pin, as if
     * given with {@code --hub} and {@code --ca-fingerprint}.
     *
     * @param config the command's configuration, after {@link #putInto}
     * @param out where the hubs heard are listed
     */
    void discoverInto(ConfigOptions config, PrintWriter out) {
        discover.putInto(config);
        Settings s = config.settings();
        discover.find(s, Optional.ofNullable(hub), s.text(ConfigKey.WORKER_CA_FINGERPRINT), out).ifPresent(found -> {
            config.put(ConfigKey.WORKER_HUB, found.hub());
            config.put(ConfigKey.WORKER_CA_FINGERPRINT, found.caFingerprint());
        });
    }
}
