package io.resourcepool.core.hub;

import io.resourcepool.api.ConfigurationException;
import io.resourcepool.api.HubId;
import io.resourcepool.api.Secret;
import io.resourcepool.api.spi.Providers;
import io.resourcepool.api.spi.ProviderConfig;
import io.resourcepool.api.spi.scheduler.Scheduler;
import io.resourcepool.api.spi.scheduler.SchedulerProvider;
import io.resourcepool.api.spi.store.Store;
import io.resourcepool.api.spi.transport.CertificateIssuer;
import io.resourcepool.api.spi.transport.Transport;
import io.resourcepool.core.auth.PasswordHasher;
import io.resourcepool.api.KeySeal;
import io.resourcepool.core.audit.AnchorSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;


/** Assembles a hub. */
public final class HubBuilder {
    /** How often a call is let through to a store that went away, to see whether it is back. */
    private static final Duration STORE_PROBE_INTERVAL = Duration.ofSeconds(1);
    Transport transport;
    Store store;
    Scheduler scheduler;
    Optional<CertificateIssuer> issuer = Optional.empty();
    Optional<Secret> adminPassword = Optional.empty();
    Optional<PasswordHasher> hasher = Optional.empty();
    InstantSource clock = InstantSource.system();
    HubObserver observer = HubObserver.NONE;
    DiskReserve diskReserve = DiskReserve.DEFAULT;
    final List<Path> diskWatched = new ArrayList<>();
    HubConfig config;
    StoreAvailability availability;
    Retention retention = Retention.KEEP_ALL;
    Duration firstRetentionSweep = HubTimers.FIRST_SWEEP;
    Optional<AnchorSettings> anchor = Optional.empty();
    KeySeal keySeal = KeySeal.none();
    final List<Consumer<String>> anchorCopies = new ArrayList<>();
    List<Secret> decoyJoinTokens = List.of();
    Optional<HubId> hubId = Optional.empty();

    HubBuilder() {}

    /**
     * The transport to listen with (required).
     *
     * @param value the transport, which stays the caller's
     * @return this builder
     */
    public HubBuilder transport(Transport value) {
        this.transport = value;
        return this;
    }

    /**
     * The store (required), already opened; it stays the caller's to close.
     *
     * @param value the store
     * @return this builder
     */
    public HubBuilder store(Store value) {
        this.store = value;
        return this;
    }

    /**
     * The scheduler; by default the {@code least-loaded} provider found on the class path.
     *
     * @param value the scheduler
     * @return this builder
     */
    public HubBuilder scheduler(Scheduler value) {
        this.scheduler = value;
        return this;
    }

    /**
     * The certificate authority that signs workers' certificates; without one the hub enrolls no machines.
     *
     * @param value the issuer
     * @return this builder
     */
    public HubBuilder certificateIssuer(CertificateIssuer value) {
        this.issuer = Optional.of(value);
        return this;
    }

    /**
     * The password of the {@code admin} made on a first start; without it one is generated.
     *
     * @param value the password
     * @return this builder
     */
    public HubBuilder firstAdminPassword(Secret value) {
        this.adminPassword = Optional.of(value);
        return this;
    }

    /**
     * The bcrypt pool to use instead of one the hub starts from its configuration; it stays the caller's.
     *
     * @param value the hasher
     * @return this builder
     */
    public HubBuilder passwordHasher(PasswordHasher value) {
        this.hasher = Optional.of(value);
        return this;
    }

    /**
     * The clock; the system clock by default.
     *
     * @param value the clock
     * @return this builder
     */
    public HubBuilder clock(InstantSource value) {
        this.clock = value;
        return this;
    }

    /**
     * Who hears the hub's audit rows and job starts and ends, for metrics; nobody by default.
     *
     * @param value the observer
     * @return this builder
     */
    public HubBuilder observer(HubObserver value) {
        this.observer = java.util.Objects.requireNonNull(value, "observer must be given (HubObserver.NONE for none)");
        return this;
    }

    /**
     * The free space the hub keeps on its disk: under it, new jobs are refused with the figures. The data
     * directory is watched, and any directory given to {@link #watchDisk}. {@link DiskReserve#DEFAULT} by default.
     *
     * @param value the reserve
     * @return this builder
     */
    public HubBuilder diskReserve(DiskReserve value) {
        this.diskReserve = java.util.Objects.requireNonNull(value, "diskReserve must be given");
        return this;
    }

    /**
     * One more directory whose disk the reserve guards besides the data directory: where the store writes
     * when it keeps its file elsewhere.
     *
     * @param directory the directory
     * @return this builder
     */
    public HubBuilder watchDisk(Path directory) {
        diskWatched.add(java.util.Objects.requireNonNull(directory, "directory must be given"));
        return this;
    }

    /**
     * How long finished jobs, ended sessions and spent join tokens are kept; {@link Retention#KEEP_ALL} (nothing
     * is pruned) by default.
     *
     * @param value the periods
     * @return this builder
     */
    public HubBuilder retention(Retention value) {
        this.retention = java.util.Objects.requireNonNull(value, "retention must be given (Retention.KEEP_ALL keeps everything)");
        return this;
    }

    /** For tests in this package: when the first retention sweep runs, instead of a minute after start. */
    HubBuilder firstRetentionSweep(Duration value) {
        this.firstRetentionSweep = value;
        return this;
    }

    /**
     * Where and how often the audit log is anchored outside the database; by default the file
     * {@value AnchorSettings#DEFAULT_FILE_NAME} in the data directory, every ten minutes.
     *
     * @param value the settings
     * @return this builder
     */
    public HubBuilder auditAnchor(AnchorSettings value) {
        this.anchor = Optional.of(java.util.Objects.requireNonNull(value, "auditAnchor must be given"));
        return this;
    }

    /**
     * Seals the hub's key files in its data directory (session, MFA, job-environment and audit keys) under a key
     * kept elsewhere; by default they are not sealed. Keys found unsealed are sealed in place.
     *
     * @param value the seal
     * @return this builder
     */
    public HubBuilder keySeal(KeySeal value) {
        this.keySeal = java.util.Objects.requireNonNull(value, "keySeal must be given (KeySeal.none() for none)");
        return this;
    }

    /**
     * Adds a place that gets a copy of every signed audit checkpoint and day root line (syslog, a webhook), so
     * a copy lives off the machine. Called on the anchor's thread; must not block long.
     *
     * @param copy takes the signed line
     * @return this builder
     */
    public HubBuilder auditCopy(Consumer<String> copy) {
        anchorCopies.add(java.util.Objects.requireNonNull(copy, "copy must be given"));
        return this;
    }

    /**
     * Join tokens that can never enroll a machine, planted where only an intruder would find them (a decoy
     * config file): presenting one is refused as any bad token and audited as {@code honeypot.join-token}, which
     * the alerts hear. None by default.
     *
     * @param tokens the decoy tokens
     * @return this builder
     */
    public HubBuilder decoyJoinTokens(List<Secret> tokens) {
        this.decoyJoinTokens = List.copyOf(tokens);
        return this;
    }

    /**
     * The name this hub goes by among the hubs sharing its database; by default {@link HubIdentity#derived(int)} from
     * the host name and the port of the configuration's bind address. Used only where the store offers coordination.
     *
     * @param value the name
     * @return this builder
     */
    public HubBuilder hubId(HubId value) {
        this.hubId = Optional.of(java.util.Objects.requireNonNull(value, "hubId must be given"));
        return this;
    }

    /**
     * The configuration (required).
     *
     * @param value the configuration
     * @return this builder
     */
    public HubBuilder config(HubConfig value) {
        this.config = value;
        return this;
    }

    /**
     * Builds the hub, not yet started.
     *
     * @return the hub
     * @throws ConfigurationException when a required part is missing
     */
    public Hub build() {
        require(transport, "transport");
        require(store, "store");
        require(config, "config");
        if (hubId.isEmpty()) {
            hubId = Optional.of(HubIdentity.derived(config.bind().getPort()));
        }
        if (observer != HubObserver.NONE) {
            store = new ObservedStore(store, observer);
        }
        availability = new StoreAvailability(store.describe(), clock, STORE_PROBE_INTERVAL);
        availability.whenLost(observer::storeUnreachable);
        store = new GuardedStore(store, availability);
        if (scheduler == null) {
            scheduler = Providers.select(SchedulerProvider.class, "least-loaded")
                    .create(ProviderConfig.of("least-loaded", "scheduler", config.dataDirectory()));
        }
        return new Hub(this);
    }

    private static void require(Object part, String name) {
        if (part == null) {
            throw new ConfigurationException("a hub needs a " + name + ": call " + name + "(...) on the builder");
        }
    }
}
