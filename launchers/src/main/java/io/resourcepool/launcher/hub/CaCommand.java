package io.resourcepool.launcher.hub;

import io.resourcepool.api.KeySeal;
import io.resourcepool.api.spi.transport.CertificateFingerprint;
import io.resourcepool.launcher.config.ConfigKey;
import io.resourcepool.launcher.ConfigOptions;
import io.resourcepool.launcher.config.Settings;
import io.resourcepool.transport.tls.CaRotation;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.InstantSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code pool admin ca rotate|retire}: rotates the hub's own CA on the hub's machine, as the hub's user, while the hub
 * runs. Like {@code pool admin backup} it reads the hub's configuration (its data directory and key seal), not a
 * session: only whoever can already write the data directory may do it. The running hub notices the change within a
 * second (see docs/OPERATIONS.md, "Rotating the CA").
 */
@Command(name = "ca", mixinStandardHelpOptions = true, description = "Rotate the hub's CA while the hub runs, on the hub's machine (see docs/OPERATIONS.md).",
        subcommands = {CaCommand.Rotate.class, CaCommand.Retire.class})
public final class CaCommand {

    /** The options both steps share: the hub's configuration and data directory. */
    static final class HubFiles {
        @Mixin
        ConfigOptions config;

        @Option(names = "--data-dir", paramLabel = "DIR", description = "the hub's data directory (hub.data-dir)")
        Path dataDir;

        /** The hub's data directory and the seal of its keys, as the hub would read them. */
        Opened open() {
            config.put(ConfigKey.HUB_DATA_DIR, dataDir);
            Settings settings = config.settings();
            Path directory = settings.path(ConfigKey.HUB_DATA_DIR);
            return new Opened(directory, HubRuntime.keySeal(settings, directory));
        }
    }

    /** A hub's data directory and the seal of its keys. */
    record Opened(Path dataDir, KeySeal seal) {
    }

    /** {@code pool admin ca rotate}. */
    @Command(name = "rotate", mixinStandardHelpOptions = true,
            description = "Make a new CA that signs workers' certificates from now on; the old one stays trusted until retired.")
    static final class Rotate implements java.util.concurrent.Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        HubFiles files;

        @Override
        public Integer call() {
            Opened hub = files.open();
            CertificateFingerprint fresh = CaRotation.rotate(hub.dataDir(), InstantSource.system(), hub.seal());
            PrintWriter out = spec.commandLine().getOut();
            out.println("new hub CA fingerprint: " + fresh);
            out.println("The running hub now signs workers' certificates with it and asks its connected workers to renew;");
            out.println("it still serves with the old CA, which workers and clients pinned. Once every worker has renewed");
            out.println("(`pool admin audit --action node.cert.renewed`), give clients the new fingerprint and run `pool admin ca retire`.");
            return 0;
        }
    }

    /** {@code pool admin ca retire}. */
    @Command(name = "retire", mixinStandardHelpOptions = true,
            description = "Stop trusting the old CA; the hub then serves with a certificate of the new one.")
    static final class Retire implements java.util.concurrent.Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        HubFiles files;

        @Override
        public Integer call() {
            Opened hub = files.open();
            CertificateFingerprint old = CaRotation.retire(hub.dataDir(), InstantSource.system(), hub.seal());
            spec.commandLine().getOut().println("retired the old hub CA " + old + "; the hub serves with the new CA from its next handshake");
            return 0;
        }
    }
}
