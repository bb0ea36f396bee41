package io.resourcepool.launcher.hub;

import io.resourcepool.api.Secret;
import io.resourcepool.launcher.ConfigOptions;
import io.resourcepool.launcher.PoolCommand;
import io.resourcepool.launcher.config.ConfigKey;
import io.resourcepool.launcher.config.Settings;
import io.resourcepool.launcher.logging.LogBackend;
import io.resourcepool.launcher.logging.LogSettings;
import java.io.Console;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code pool hub}: runs a hub until interrupted. */
@Command(name = "hub", mixinStandardHelpOptions = true, description = "Run a hub until interrupted (Ctrl-C).")
public final class HubCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions config;

    @Spec
    CommandSpec spec;

    @Option(names = "--bind", paramLabel = "HOST:PORT", description = "where to listen (hub.bind, default 127.0.0.1:7443)")
    String bind;

    @Option(names = "--http", paramLabel = "HOST:PORT", description = "serve the HTTPS API and /metrics there (http.bind; off by default)")
    String http;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "the hub's data directory (hub.data-dir)")
    Path dataDir;

    @Option(names = "--store", paramLabel = "TYPE", description = "sqlite or jdbc (store.type)")
    String store;

    @Option(names = "--log-level", paramLabel = "LEVEL", description = "error, warn, info, debug or trace (log.level, default info)")
    String logLevel;

    @Option(names = "--prompt-admin-password", description = "on a first start, ask for the admin's password on the terminal")
    boolean promptAdminPassword;

    @Override
    public Integer call() throws InterruptedException {
        SessionTickets.none();
        config.put(ConfigKey.HUB_BIND, bind);
        config.put(ConfigKey.HUB_DATA_DIR, dataDir);
        config.put(ConfigKey.HTTP_BIND, http);
        config.put(ConfigKey.STORE_TYPE, store);
        config.put(ConfigKey.LOG_LEVEL, logLevel);
        Settings settings = config.settings();
        LogBackend.apply(LogSettings.from(settings, PoolCommand.verbosity(spec)));
        PrintWriter out = spec.commandLine().getOut();
        CountDownLatch stopped = new CountDownLatch(1);
        Optional<String> name = HubAnnouncement.name(settings);
        HubRuntime runtime = HubRuntime.start(settings, adminPassword(settings));
        HubAnnouncement announcement;
        try {
            announcement = HubAnnouncement.start(settings, runtime, name);
        } catch (RuntimeException e) {
            runtime.close();
            throw e;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            announcement.close();
            runtime.close();
            stopped.countDown();
        }, "hub-shutdown"));
        HubBanner.print(out, runtime);
        announcement.print(out);
        stopped.await();
        return 0;
    }

    private Optional<Secret> adminPassword(Settings settings) {
        Optional<Secret> configured = settings.secret(ConfigKey.HUB_ADMIN_PASSWORD_ENV, ConfigKey.HUB_ADMIN_PASSWORD_FILE);
        if (configured.isPresent() || !promptAdminPassword) {
            return configured;
        }
        Console console = System.console();
        if (console == null) {
            throw new IllegalArgumentException("--prompt-admin-password needs a terminal; use hub.admin-password-env or -file instead");
        }
        char[] typed = console.readPassword("Password for the admin account (used only on a first start): ");
        return Optional.of(Secret.of(new String(typed)));
    }
}
