package io.resourcepool.core.worker;

import io.resourcepool.api.AuthenticationException;
import io.resourcepool.api.BusyException;
import io.resourcepool.api.ConfigurationException;
import io.resourcepool.api.NodeId;
import io.resourcepool.api.PoolException;
import io.resourcepool.api.Secret;
import io.resourcepool.api.spi.probe.ResourceProbe;
import io.resourcepool.api.spi.sandbox.Sandbox;
import io.resourcepool.api.spi.transport.MachineIdentity;
import io.resourcepool.api.spi.transport.Transport;
import io.resourcepool.core.client.HubLink;
import io.resourcepool.core.net.HubDialer;
import io.resourcepool.core.protocol.EnrolmentMessage;
import io.resourcepool.core.protocol.JobMessage;
import io.resourcepool.core.protocol.Message;
import io.resourcepool.core.protocol.MessageCodec;
import io.resourcepool.core.protocol.NodeMessage;
import io.resourcepool.core.protocol.WireResources;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A worker: enrolls with its join token the first time, then connects with its certificate, registers, sends
 * heartbeats at the pace the hub sets, and runs the hub's tasks. It renews its certificate over that connection
 * before it ends ({@link CertificateRenewal}); one that ended takes a new join token ({@link WorkerEnrolment}). A
 * lost connection is retried with a growing delay until {@link #close()}; its tasks run on meanwhile and are
 * reported when it registers again, so a restarted hub or a broken connection loses no work (a worker cut off for
 * longer than the hub waits for it stops them). A refusal (a spent join token, a revoked certificate) ends the session, since retrying cannot
 * help.
 *
 * <p>Ownership: the worker owns its session thread and its running tasks; the transport, identity, sandbox and
 * probe stay the caller's.
 */
public final class Worker implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Worker.class);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

    private final Builder parts;
    private final TaskRunner tasks;
    private final MessageCodec codec;
    private final CertificateRenewal renewal;
    private final WorkerEnrolment enrolment;
    private final HubDialer hubs;
    private final CompletableFuture<NodeId> registered = new CompletableFuture<>();
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();
    private final AtomicLong heartbeatMillis = new AtomicLong(5000);
    private final AtomicLong graceMillis = new AtomicLong(15_000);
    private volatile long lastHeardNanos = System.nanoTime();
    private volatile boolean stopping;
    private volatile HubLink link;
    private Thread session;

    private Worker(Builder parts) {
        this.parts = parts;
        this.tasks = new TaskRunner(parts.sandbox, parts.config.dataDirectory().resolve("jobs"), parts.config.jobs(),
                parts.config.gpuDeviceRoot());
        this.codec = MessageCodec.shared(parts.transport.limits().maxFrameBytes());
        this.renewal = new CertificateRenewal(parts.identity, parts.clock, parts.renewWhenRemaining);
        this.enrolment = new WorkerEnrolment(parts.identity, parts.joinToken, renewal);
        this.hubs = new HubDialer(parts.transport, parts.config.hubs());
    }

    /**
     * Starts building a worker.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts the worker's session thread, which enrolls if needed and then stays connected.
     *
     * @return this worker
     * @throws ConfigurationException when the worker is not enrolled and has no join token
     */
    public synchronized Worker start() {
        if (!parts.identity.isEnrolled() && parts.joinToken.isEmpty()) {
            throw new ConfigurationException("this worker is not enrolled yet: give it a join token (an admin makes one with `pool admin join-token create`)");
        }
        warnIfSharedIdentity();
        session = Thread.ofVirtual().name("worker-session").start(this::stayConnected);
        return this;
    }

    /**
     * Completes with the node name once the worker has registered with the hub for the first time.
     *
     * @return the future node name
     */
    public CompletableFuture<NodeId> registered() {
        return registered;
    }

    /**
     * Completes when the worker has stopped for good: normally after {@link #close()}, exceptionally with the
     * {@link AuthenticationException} when the hub refused it (for example after an admin removed the node).
     *
     * @return the future end of the worker
     */
    public CompletableFuture<Void> stopped() {
        return stopped;
    }

    /**
     * What the worker's sandbox really gives its jobs on this host, as the node listing shows it.
     *
     * @return the isolation
     */
    public io.resourcepool.api.spi.sandbox.Isolation isolation() {
        return parts.sandbox.isolation();
    }

    private void warnIfSharedIdentity() {
        io.resourcepool.api.spi.sandbox.Isolation isolation = parts.sandbox.isolation();
        if (isolation.features().contains(io.resourcepool.api.spi.sandbox.IsolationFeature.SEPARATE_IDENTITY)) {
            return;
        }
        WorkerConfig.JobPolicy policy = parts.config.jobs();
        log.warn("jobs on this worker share its identity and can read its key and files ({}); {}", isolation.description().split(";")[0],
                policy.allowSharedIdentity() ? "every user's jobs run anyway (worker.allow-shared-identity=true)"
                        : "only the jobs of its owner " + (policy.owner().isEmpty() ? "(worker.owner is not set: none)" : "'" + policy.owner() + "'")
                                + " run");
    }

    private void stayConnected() {
        try {
            reconnectUntilStopped();
        } catch (AuthenticationException e) {
            stopped.completeExceptionally(e);
        } finally {
            stopped.complete(null);
        }
    }

    private void reconnectUntilStopped() {
        ReconnectPacing pacing = new ReconnectPacing(parts.config.reconnectDelay());
        while (!stopping) {
            try {
                enrolment.enrolIfNeeded(hubs, codec, parts.config, software(), CALL_TIMEOUT);
                serve();
                pacing.served();
            } catch (AuthenticationException e) {
                log.error("the hub ({}) refused this worker: {}; stopping", parts.config.hubs(), e.getMessage());
                registered.completeExceptionally(e);
                tasks.cancelAll();
                throw e;
            } catch (PoolException e) {
                if (stopping) {
                    return;
                }
                pacing.failed(e);
                if (e instanceof BusyException) {
                    hubs.passOverLast(); // it answered but would not take this worker (another hub holds its node): try the next first
                }
                log.warn("connection to the hub ({}) failed: {}; retrying in {} ms", parts.config.hubs(), e.getMessage(),
                        pacing.planned().toMillis());
            } finally {
                tasks.detach();
            }
            fenceIfCutOff();
            if (!pause(pacing.next(!tasks.reports().isEmpty(), graceMillis.get()))) {
                return;
            }
        }
    }

    /**
     * A worker cut off from its hub for longer than the hub waits for it stops its tasks: the hub has given them
     * up (requeued elsewhere, or LOST), so their results would be refused and a retry may already run elsewhere.
     */
    private void fenceIfCutOff() {
        long silentMillis = (System.nanoTime() - lastHeardNanos) / 1_000_000;
        if (silentMillis > graceMillis.get() && !tasks.reports().isEmpty()) {
            log.warn("the hub has not been reached for {} s, longer than it waits for a worker; stopping this worker's tasks",
                    silentMillis / 1000);
            tasks.cancelAll();
        }
    }

    private void heard(NodeMessage.HeartbeatAck ack) {
        lastHeardNanos = System.nanoTime();
        heartbeatMillis.set(ack.intervalMillis());
        graceMillis.set(ack.graceMillis());
    }

    /**
     * Measures the machine; the GPUs seen are those jobs may be given from now on. The report marks each GPU a job
     * holds.
     */
    private io.resourcepool.api.NodeResources sample() {
        io.resourcepool.api.NodeResources resources = parts.probe.sample();
        tasks.gpusPresent(resources.gpus());
        return tasks.reported(resources);
    }

    private void serve() {
        HubLink current = HubLink.open(hubs.connect(), codec, "worker", software(), this::onHubMessage);
        link = current;
        try (current) {
            NodeMessage.HeartbeatAck ack = current.call(id -> new NodeMessage.Register(id, parts.config.hostname(), WireResources.from(sample()),
                    parts.config.labels(), parts.sandbox.isolation().description(), tasks.reports(), registered.isDone()),
                    NodeMessage.HeartbeatAck.class, CALL_TIMEOUT);
            heard(ack);
            tasks.attach(current, ack.disowned());
            registered.complete(NodeId.of(ack.nodeId()));
            log.info("registered with hub {} as node {}", current.connection().remoteAddress(), ack.nodeId());
            while (current.isOpen() && !stopping) {
                if (!pause(Duration.ofMillis(heartbeatMillis.get()))) {
                    return;
                }
                current.send(new NodeMessage.Heartbeat(WireResources.from(sample()), tasks.reports()));
                renewal.renewIfDue(current, CALL_TIMEOUT);
            }
            if (!stopping) {
                throw new io.resourcepool.api.TransportException("the hub closed the connection");
            }
        }
    }

    private void onHubMessage(Message message) {
        switch (message) {
            case JobMessage.Task task -> tasks.start(task);
            case JobMessage.Cancel cancel -> tasks.cancel(cancel);
            case JobMessage.ResultAck ack -> tasks.acknowledged(ack);
            case NodeMessage.HeartbeatAck ack -> {
                heard(ack);
                tasks.disown(ack.disowned());
            }
            case EnrolmentMessage.RenewNow now -> renewal.requested(now.reason());
            default -> log.debug("ignoring {} from the hub", MessageCodec.typeOf(message));
        }
    }

    private boolean pause(Duration duration) {
        try {
            Thread.sleep(duration);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String software() {
        return "resourcepool-worker/" + Optional.ofNullable(Worker.class.getPackage().getImplementationVersion()).orElse("dev");
    }

    /** Disconnects, stops running tasks and ends the session thread. Idempotent. */
    @Override
    public synchronized void close() {
        stopping = true;
        HubLink current = link;
        if (current != null) {
            current.close();
        }
        if (session != null) {
            session.interrupt();
            try {
                session.join(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        tasks.cancelAll();
    }

    /** Assembles a worker. */
    public static final class Builder {
        Transport transport;
        MachineIdentity identity;
        Sandbox sandbox;
        ResourceProbe probe;
        WorkerConfig config;
        Optional<Secret> joinToken = Optional.empty();
        InstantSource clock = InstantSource.system();
        double renewWhenRemaining = 1.0 / 3;

        private Builder() {}

        /**
         * The time source for the certificate's renewal and expiry (the system clock unless set; a manual one in tests).
         *
         * @param value the clock
         * @return this builder
         */
        public Builder clock(InstantSource value) {
            this.clock = java.util.Objects.requireNonNull(value, "clock must be given");
            return this;
        }

        /**
         * How much of its certificate's life is left when the worker renews it (a third unless set).
         *
         * @param fraction between 0 and 1, exclusive
         * @return this builder
         */
        public Builder renewCertificateWhenRemaining(double fraction) {
            this.renewWhenRemaining = CertificateRenewal.checkedFraction(fraction);
            return this;
        }

        /**
         * The transport (required); it must present the identity's certificate once installed.
         *
         * @param value the transport
         * @return this builder
         */
        public Builder transport(Transport value) {
            this.transport = value;
            return this;
        }

        /**
         * The worker's key and certificate store (required).
         *
         * @param value the identity
         * @return this builder
         */
        public Builder identity(MachineIdentity value) {
            this.identity = value;
            return this;
        }

        /**
         * Where tasks run (required).
         *
         * @param value the sandbox
         * @return this builder
         */
        public Builder sandbox(Sandbox value) {
            this.sandbox = value;
            return this;
        }

        /**
         * How resources are measured (required).
         *
         * @param value the probe
         * @return this builder
         */
        public Builder probe(ResourceProbe value) {
            this.probe = value;
            return this;
        }

        /**
         * The configuration (required).
         *
         * @param value the configuration
         * @return this builder
         */
        public Builder config(WorkerConfig value) {
            this.config = value;
            return this;
        }

        /**
         * The join token for the first start; not needed once enrolled.
         *
         * @param value the token
         * @return this builder
         */
        public Builder joinToken(Secret value) {
            this.joinToken = Optional.of(value);
            return this;
        }

        /**
         * Builds the worker, not yet started.
         *
         * @return the worker
         */
        public Worker build() {
            require(transport, "transport");
            require(identity, "identity");
            require(sandbox, "sandbox");
            require(probe, "probe");
            require(config, "config");
            return new Worker(this);
        }

        private static void require(Object part, String name) {
            if (part == null) {
                throw new ConfigurationException("a worker needs a " + name + ": call " + name + "(...) on the builder");
            }
        }
    }
}
