package io.resourcepool.launcher.hub;

import io.resourcepool.api.StoreException;
import io.resourcepool.core.auth.AuditKey;
import io.resourcepool.core.auth.EnvironmentVault;
import io.resourcepool.core.auth.SeedVault;
import io.resourcepool.core.auth.SessionKey;
import io.resourcepool.launcher.ConfigOptions;
import io.resourcepool.launcher.config.ConfigKey;
import io.resourcepool.launcher.config.Settings;
import io.resourcepool.store.sqlite.SqliteBackup;
import io.resourcepool.store.sqlite.SqliteStoreConfig;
import io.resourcepool.store.sqlite.SqliteStoreProvider;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code pool admin backup FILE}: an online, consistent copy of the hub's SQLite store, taken on the hub's machine as
 * the hub's own user while the hub serves. It reads the hub's configuration (the same {@code --config} as
 * {@code pool hub}), not a session: the copy holds every password hash, so only whoever can already read the data
 * directory may make one. It then names, without printing them, the key files that a restore also needs.
 */
@Command(name = "backup", mixinStandardHelpOptions = true,
        description = "Copy the hub's SQLite store while the hub runs, on the hub's machine, as the hub's user (see docs/OPERATIONS.md).")
public final class BackupCommand implements Callable<Integer> {
    /** A file or directory of the hub's data directory that a restore needs besides the database. */
    private record KeyFile(String name, String ifLost) {}

    private static final List<KeyFile> KEYS = List.of(
            new KeyFile("tls", "the hub's CA and server certificate: without them every worker must enroll again"),
            new KeyFile(SessionKey.FILE_NAME, "without it everyone logs in again"),
            new KeyFile(EnvironmentVault.FILE_NAME, "without it queued jobs' sealed variables cannot be opened"),
            new KeyFile(SeedVault.FILE_NAME, "without it every second factor must be set up again"),
            new KeyFile(AuditKey.FILE_NAME, "without it the audit log's keyed rows and checkpoints can no longer be verified"),
            new KeyFile(AuditKey.FIRST_ROW_FILE, "the first audit row keyed with audit-key; the two go together"));

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOptions config;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "the hub's data directory (hub.data-dir)")
    Path dataDir;

    @Parameters(paramLabel = "FILE", description = "the new backup file; it must not exist")
    Path target;

    @Override
    public Integer call() {
        config.put(ConfigKey.HUB_DATA_DIR, dataDir);
        Settings settings = config.settings();
        Path hubData = settings.path(ConfigKey.HUB_DATA_DIR);
        String type = settings.required(ConfigKey.STORE_TYPE);
        if (!type.equals("sqlite")) {
            throw new StoreException("pool admin backup copies the sqlite store only, and this hub's store.type is " + type
                    + ": back a PostgreSQL or MariaDB store up with pg_dump or mariadb-dump, as docs/OPERATIONS.md (Backup) shows");
        }
        SqliteStoreConfig store = SqliteStoreProvider.storeConfig(HubRuntime.storeConfig(settings, hubData));
        long start = System.nanoTime();
        SqliteBackup.Summary copy = SqliteBackup.copy(store.file(), target, store.busyTimeout());
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "backed up %s to %s (mode 0600, %d bytes, %.1f s): schema version %d, users: %d, jobs: %d, audit rows: %d%n",
                store.file(), copy.file(), copy.bytes(), (System.nanoTime() - start) / 1e9, copy.schemaVersion(), copy.users(), copy.jobs(),
                copy.auditRows());
        out.println("A restore also needs these files of " + hubData + ", which this backup does not hold (copy them once, kept as");
        out.println("safe as the backup: they change only when rotated):");
        for (KeyFile key : KEYS) {
            Path file = hubData.resolve(key.name());
            if (Files.exists(file)) {
                out.println("  " + file + (Files.isDirectory(file) ? "/" : "") + "  (" + key.ifLost() + ")");
            }
        }
        return 0;
    }
}
