package io.resourcepool.core.hub;

import io.resourcepool.api.spi.transport.Connection;
import io.resourcepool.api.spi.transport.PeerCertificate;
import io.resourcepool.api.spi.transport.Listener;
import io.resourcepool.api.spi.transport.Transport;
import io.resourcepool.core.auth.AuthServices;
import io.resourcepool.core.auth.FirstAdmin;
import io.resourcepool.api.spi.store.AuditEntry;
import io.resourcepool.api.spi.store.AuditEvent;
import io.resourcepool.api.spi.store.AuditQuery;
import io.resourcepool.api.spi.store.NodeRecord;
import io.resourcepool.core.audit.AnchorSettings;
import io.resourcepool.core.audit.AuditAnchor;
import io.resourcepool.core.auth.AuditKey;
import io.resourcepool.core.auth.SeedVault;
import io.resourcepool.core.auth.SessionKey;
import io.resourcepool.core.protocol.EnrolmentMessage;
import io.resourcepool.core.protocol.MessageChannel;
import io.resourcepool.core.protocol.MessageCodec;
import java.net.InetSocketAddress;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub: authenticates people and machines, keeps the registry of nodes, and dispatches jobs. It listens
 * through a {@link Transport} and runs one {@link Conversation} per connection, each on its own (virtual)
 * thread given by the transport.
 *
 * <p>Ownership: the hub stops what it started (its listener, its bcrypt pool, its timer, its journal writer) and nothing else; the
 * transport, store, scheduler and certificate issuer handed to the builder stay the caller's. A failed
 * {@link #start()} undoes what it had done.
 */
public final class Hub implements AutoCloseable {
    /** How many failed logins touching a decoy costs its source. */
    public static final int DECOY_COST = 5;

    private static final Logger log = LoggerFactory.getLogger(Hub.class);

    private final HubBuilder parts;
    private final MessageCodec codec;
    /** Written under this hub's lock; volatile so that each request of the front door reads it without taking the lock. */
    private volatile HubServices services;
    private HubTimers timers;
    private JobJournal journal;
    private Listener listener;
    private InProcessClients inProcess;
    private FirstAdmin.Outcome firstAdmin = new FirstAdmin.Outcome(false, Optional.empty());

    Hub(HubBuilder parts) {
        this.parts = parts;
        this.codec = MessageCodec.shared(parts.transport.limits().maxFrameBytes());
    }

    /**
     * Starts building a hub.
     *
     * @return a builder
     */
    public static HubBuilder builder() {
        return new HubBuilder();
    }

    /**
     * Starts the hub: its authentication services, the first admin on a first start, its timers, and its
     * listener.
     *
     * @return this hub
     * @throws IllegalStateException when already started
     */
    public synchronized Hub start() {
        if (services != null) {
            throw new IllegalStateException("the hub is already started");
        }
        HubConfig config = parts.config;
        AuditAnchor anchor = anchorTheAuditLog(config);
        AuthServices auth = parts.hasher
                .map(h -> AuthServices.over(parts.store, config.auth(), h, SessionKey.openOrCreate(config.dataDirectory(), parts.keySeal),
                        SeedVault.openOrCreate(config.dataDirectory(), parts.keySeal), parts.clock))
                .orElseGet(() -> AuthServices.start(parts.store, config.auth(), config.dataDirectory(), parts.clock, parts.keySeal));
        try {
            firstAdmin = parts.adminPassword.map(auth.firstAdmin()::createIfFirstStart).orElseGet(auth.firstAdmin()::createIfFirstStart);
            journal = new JobJournal(parts.store);
            services = HubAssembly.assemble(parts, auth, journal, anchor);
            timers = HubTimers.start(services, new RetentionSweep(parts.store, parts.retention, parts.clock), parts.retention.prunes(),
                    parts.firstRetentionSweep, anchor, parts.anchor.orElseGet(() -> AnchorSettings.in(config.dataDirectory())).interval());
            inProcess = new InProcessClients(parts.transport.limits(), this::serveInProcess);
            listener = parts.transport.listen(config.bind(), this::serve);
            services.leases().announce(listener.address().getHostString() + ":" + listener.address().getPort());
            services.across().start();
        } catch (RuntimeException e) {
            stopStarted(auth);
            throw e;
        }
        log.info("hub listening on {} with store {}", listener.address(), parts.store.describe());
        return this;
    }

    /**
     * Keys the store's audit chain before anything is appended (rows an older hub wrote before the key existed
     * stay as they were), and sets up the anchor that writes its checkpoints outside the database. A broken log
     * found by a verification becomes an {@code audit.broken} row, which the observer sees like any other.
     */
    private AuditAnchor anchorTheAuditLog(HubConfig config) {
        AuditKey key = AuditKey.openOrCreate(config.dataDirectory(),
                () -> parts.store.audit().list(AuditQuery.latest(1)).stream().mapToLong(AuditEntry::sequence).map(s -> s + 1).findFirst().orElse(1),
                parts.keySeal);
        parts.store.audit().useChain(key.chain());
        AnchorSettings settings = parts.anchor.orElseGet(() -> AnchorSettings.in(config.dataDirectory()));
        return new AuditAnchor(parts.store.audit(), key, settings, parts.clock, parts.anchorCopies,
                verdict -> parts.store.audit().append(new AuditEvent(parts.clock.instant(), "hub", "audit.broken",
                        "row " + verdict.firstBadRow().orElse(0), "", shortened(verdict.problem()))));
    }

    private static String shortened(String text) {
        return text.length() > 500 ? text.substring(0, 500) : text;
    }

    /**
     * The anchor of the audit log outside the database, for verifications.
     *
     * @return the anchor
     * @throws IllegalStateException before {@link #start()}
     */
    public synchronized AuditAnchor auditAnchor() {
        if (services == null) {
            throw new IllegalStateException("the hub is not started");
        }
        return services.anchor();
    }

    /**
     * Where the hub listens.
     *
     * @return the bound address
     * @throws IllegalStateException before {@link #start()}
     */
    public synchronized InetSocketAddress address() {
        if (listener == null) {
            throw new IllegalStateException("the hub is not started");
        }
        return listener.address();
    }

    /**
     * What the first start did about the {@code admin} account: whether it was made, and the password generated
     * for it when none was given. Show a generated password once, on the terminal; never log it.
     *
     * @return the outcome, "not created" on later starts
     */
    public synchronized FirstAdmin.Outcome firstAdmin() {
        return firstAdmin;
    }

    /**
     * The hub's typed front door, for a gateway in its process that serves people over another protocol (the HTTP
     * API): logins, and each caller's operations, called directly with every check a network client meets.
     *
     * @return the door
     * @throws IllegalStateException before {@link #start()} or after {@link #close()}
     */
    public FrontDoor frontDoor() {
        return new FrontDoor(started());
    }

    /**
     * Opens a connection to this hub inside its own process that speaks the binary protocol as a client or an
     * enrolling worker, for a gateway that serves someone over another protocol (an agent's enrolment over HTTPS);
     * people's requests go through {@link #frontDoor()} instead. It meets every check a network connection does,
     * under the address given, the real peer's, so that limits and audit rows name it.
     *
     * @param clientAddress the peer's address, {@code host:port}
     * @return the peer's end of the connection; closing it ends the conversation
     * @throws IllegalStateException before {@link #start()}
     * @throws io.resourcepool.api.TransportException after {@link #close()}
     */
    public Connection connectInProcess(String clientAddress) {
        return inProcess().connect(clientAddress);
    }

    /**
     * Opens a connection inside the hub's process for a gateway that serves a worker over another protocol (an
     * agent over HTTPS): the hub's end names the certificate the gateway verified for that worker, so the worker
     * registers, reports and is given tasks exactly as a worker connected by mutual TLS, and the hub still checks
     * the certificate against the one it issued to the node. Only a gateway that verified the peer's possession of
     * the certificate's key and its chain to this hub's CA may call this.
     *
     * @param workerAddress the peer's address, {@code host:port}
     * @param certificate the peer's verified certificate
     * @return the worker's end of the connection; closing it ends the conversation, as a broken connection does
     * @throws IllegalStateException before {@link #start()}
     * @throws io.resourcepool.api.TransportException after {@link #close()}
     */
    public Connection connectWorkerInProcess(String workerAddress, PeerCertificate certificate) {
        return inProcess().connect(workerAddress, Optional.of(certificate));
    }

    /**
     * Records that a source touched a decoy (a honeypot path of a gateway): audited as {@code honeypot.touched}
     * with the source, which the alert notifier hears, and charged to the source as {@value #DECOY_COST} failed
     * logins, so that a prober is slowed at the door before its first password guess. Nobody honest touches a
     * decoy: nothing links to one.
     *
     * @param sourceAddress the peer's address, {@code host:port}
     * @param decoy what was touched, for example {@code GET /.env}
     * @throws IllegalStateException before {@link #start()}
     */
    public void decoyTouched(String sourceAddress, String decoy) {
        HubServices current = started();
        current.limits().charge(sourceAddress, DECOY_COST);
        current.audit("", "honeypot.touched", decoy.length() > 200 ? decoy.substring(0, 200) : decoy, sourceAddress, "decoy");
    }

    /**
     * Records that a gateway refused a worker's report before it reached the hub (an agent reporting on an attempt
     * it does not hold): audited as {@code worker.report-refused}, as the hub audits such a report of its own workers.
     *
     * @param node the node that reported
     * @param sourceAddress the peer's address, {@code host:port}
     * @param why what was refused
     * @throws IllegalStateException before {@link #start()}
     */
    public void workerReportRefused(String node, String sourceAddress, String why) {
        HubServices current = started();
        current.audit("node:" + node, "worker.report-refused", "", sourceAddress, why);
    }

    /**
     * Renews the certificate of a worker that a gateway serves over another protocol (an agent over HTTPS), by the
     * rules a worker's RENEW_CERTIFICATE meets: the certificate must be the one the hub last issued to the node it names
     * (or the one its last renewal replaced), not revoked, not ended; the request must name that node.
     * The node's record then names the new certificate, the renewal is audited as {@code node.cert.renewed}, and the
     * certificate replaced is still accepted until the worker presents the new one. Only a gateway that verified the
     * peer's possession of the certificate's key and its chain to this hub's CA may call this.
     *
     * @param workerAddress the peer's address, {@code host:port}
     * @param certificate the peer's verified certificate
     * @param csrPem the certification request for the new key, PEM
     * @param currentKey the public key of the certificate presented: a request for that same key is refused
     * @return the new chain (PEM, leaf first) and the CAs the worker is to trust from now on
     * @throws io.resourcepool.api.AuthenticationException when the certificate may not act for its node
     * @throws io.resourcepool.api.ProtocolException when the request names another node, is malformed, badly signed or weak
     * @throws IllegalStateException before {@link #start()}
     */
    public EnrolmentMessage.Renewed renewWorkerCertificate(String workerAddress, PeerCertificate certificate, String csrPem,
            PublicKey currentKey) {
        HubServices current = started();
        NodeRecord node = current.enrolment().recognised(certificate);
        EnrolmentMessage.Renewed renewed = current.enrolment().renew(node.id(), certificate, new EnrolmentMessage.Renew(1, csrPem), workerAddress,
                Optional.of(currentKey));
        Instant ends = Enrolment.leafOf(renewed.certificateChain()).getNotAfter().toInstant();
        current.registry().find(node.id()).ifPresent(live -> live.certificateExpires(Optional.of(ends)));
        return renewed;
    }

    /**
     * Checks, as REGISTER does, that a certificate may act for the node it names, for a gateway whose registered worker
     * goes on with the certificate a renewal gave it rather than registering again. Its first use makes the hub forget
     * the certificate the renewal replaced, which is refused from then on.
     *
     * @param certificate the peer's verified certificate
     * @throws io.resourcepool.api.AuthenticationException when the certificate may not act for its node
     * @throws IllegalStateException before {@link #start()}
     */
    public void recogniseWorkerCertificate(PeerCertificate certificate) {
        started().enrolment().recognised(certificate);
    }

    private synchronized InProcessClients inProcess() {
        if (inProcess == null) {
            throw new IllegalStateException("the hub is not started");
        }
        return inProcess;
    }

    private HubServices started() {
        HubServices current = services;
        if (current == null) {
            throw new IllegalStateException("the hub is not started");
        }
        return current;
    }

    /**
     * The largest frame this hub accepts, for clients made with {@link #connectInProcess}.
     *
     * @return the limit in bytes
     */
    public int maxFrameBytes() {
        return parts.transport.limits().maxFrameBytes();
    }

    /**
     * How much output the hub buffers for each follower of a job, and the largest output cap it accepts: for a
     * gateway that relays output on, so that its own buffer per follower is no larger than the hub's.
     *
     * @return the limits of the configuration
     */
    public RelayLimits relayLimits() {
        return parts.config.relay();
    }

    /**
     * The account of output held for slow followers, for a gateway that buffers output for followers of its own, so
     * that {@link #status()} counts its buffers and its dropped followers with the hub's.
     *
     * @return the account
     * @throws IllegalStateException before {@link #start()}
     */
    public FollowerBuffers followerBuffers() {
        synchronized (this) {
            if (services == null) {
                throw new IllegalStateException("the hub is not started");
            }
            return services.relays();
        }
    }

    /**
     * What the hub holds now, for metrics and health checks: the pool's totals over its online nodes, how
     * many jobs wait and run, how much output it buffers for slow followers, the free space of its disk, and whether its store answers.
     *
     * @return the status
     * @throws IllegalStateException before {@link #start()}
     */
    public HubStatus status() {
        HubServices current;
        synchronized (this) {
            if (services == null) {
                throw new IllegalStateException("the hub is not started");
            }
            current = services;
        }
        Optional<StoreAvailability.Outage> outage = parts.availability.outage();
        return new HubStatus(current.registry().aggregate(), current.registry().connected().size(),
                current.dispatcher().waitingCount(), current.dispatcher().runningCount(),
                Math.max(0, current.relays().bufferedBytes()), current.relays().droppedFollowers(),
                current.disk().tightest().map(DiskSpace::freeBytes).orElse(HubStatus.UNMEASURED), current.disk().reserve().minFreeBytes(),
                current.completion().unrecordedCount(), outage.isEmpty(),
                outage.map(o -> Math.max(0, java.time.Duration.between(o.since(), parts.clock.instant()).toSeconds())).orElse(0L),
                current.registry().gpus(), current.heartbeats().received());
    }

    private void serve(Connection connection) {
        new Conversation(new MessageChannel(connection, codec), services, true).run();
    }

    /** The gateway that opened it bounds its own connections; such a connection is not counted among the strangers. */
    private void serveInProcess(Connection connection) {
        new Conversation(new MessageChannel(connection, codec), services, false).run();
    }

    /** Stops listening, closes every connection, and stops what the hub started. Idempotent. */
    @Override
    public synchronized void close() {
        if (services != null) {
            stopStarted(services.auth());
            services = null;
            log.info("hub stopped");
        }
    }

    private void stopStarted(AuthServices auth) {
        if (listener != null) {
            listener.close();
            listener = null;
        }
        if (services != null) {
            services.strangers().close();
        }
        if (inProcess != null) {
            inProcess.close();
            inProcess = null;
        }
        if (timers != null) {
            timers.close();
            timers = null;
        }
        if (services != null) {
            services.across().close();
            services.leases().close(); // after the timers, which would otherwise announce it again
        }
        if (journal != null) {
            journal.close();
            journal = null;
        }
        auth.close();
    }
}
