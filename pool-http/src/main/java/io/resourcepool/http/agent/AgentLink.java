package io.resourcepool.http.agent;

import io.resourcepool.api.Bytes;
import io.resourcepool.api.JobId;
import io.resourcepool.api.TransportException;
import io.resourcepool.api.spi.sandbox.OutputChannel;
import io.resourcepool.api.spi.transport.Connection;
import io.resourcepool.api.spi.transport.PeerCertificate;
import io.resourcepool.core.client.HubLink;
import io.resourcepool.core.protocol.EnrolmentMessage;
import io.resourcepool.core.protocol.JobMessage;
import io.resourcepool.core.protocol.Message;
import io.resourcepool.core.protocol.MessageCodec;
import io.resourcepool.core.protocol.NodeMessage;
import io.resourcepool.core.protocol.WireResources;
import io.resourcepool.core.protocol.WireTask;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * One registered agent, held as a worker connection inside the hub's process: the agent's requests become the
 * frames a worker would send (REGISTER, HEARTBEAT, OUTPUT, RESULT), and what the hub sends the worker (TASK, CANCEL)
 * waits here until the agent polls for it. The hub's node machinery decides everything; this only translates, and
 * keeps an agent from reporting on a task it does not hold, which the hub would answer by ending the connection.
 *
 * <p>Thread-safe: an agent's requests may come at once on several HTTPS connections.
 */
public final class AgentLink implements AutoCloseable {
    /** How long the hub may take to answer a registration or a heartbeat, or to store a result. */
    static final Duration HUB_PATIENCE = Duration.ofSeconds(30);
    /** Tasks and cancels waiting for the agent's poll; past this the agent is not polling and the link is dropped. */
    static final int MAX_WAITING_WORK = 1024;
    /** Results acknowledged, remembered so that an agent that did not hear the acknowledgement may send again. */
    static final int REMEMBERED_RESULTS = 256;

    private volatile PeerCertificate certificate;
    private volatile Optional<PeerCertificate> renewedTo = Optional.empty();
    private final HubLink hub;
    private final BlockingQueue<Message> work = new LinkedBlockingQueue<>(MAX_WAITING_WORK);
    private final Set<WireTask> held = ConcurrentHashMap.newKeySet();
    private final Map<WireTask, CompletableFuture<Void>> results = new ConcurrentHashMap<>();
    private final RecentResults acknowledged = new RecentResults(REMEMBERED_RESULTS);
    private final Object heartbeats = new Object();
    private volatile CompletableFuture<NodeMessage.HeartbeatAck> nextAck = new CompletableFuture<>();
    private volatile NodeMessage.HeartbeatAck lastAck;
    private volatile Optional<String> renewalRequested = Optional.empty();

    private AgentLink(PeerCertificate certificate, Connection connection, MessageCodec codec) {
        this.certificate = certificate;
        this.hub = HubLink.open(connection, codec, "worker", "resourcepool-http-agent", this::fromHub);
        hub.ended().thenAccept(reason -> {
            nextAck.completeExceptionally(reason);
            results.values().forEach(f -> f.completeExceptionally(reason));
        });
    }

    /**
     * Registers an agent with the hub, as a worker registers.
     *
     * @param connection an in-process worker connection naming the agent's verified certificate
     * @param codec the codec
     * @param certificate that certificate
     * @param registration what the agent reports of itself and the tasks it still holds
     * @return the registered link
     * @throws io.resourcepool.api.PoolException as the hub refused the registration (a revoked certificate, say)
     */
    static AgentLink register(Connection connection, MessageCodec codec, PeerCertificate certificate, NodeMessage.Register registration) {
        AgentLink link = new AgentLink(certificate, connection, codec);
        try {
            NodeMessage.HeartbeatAck ack = link.hub.call(id -> new NodeMessage.Register(id, registration.hostname(), registration.resources(),
                    registration.labels(), registration.sandbox(), registration.tasks(), registration.sameProcess()), NodeMessage.HeartbeatAck.class,
                    HUB_PATIENCE);
            link.held.addAll(registration.tasks());
            ack.disowned().forEach(link.held::remove);
            link.lastAck = ack;
            return link;
        } catch (RuntimeException e) {
            link.close();
            throw e;
        }
    }

    /**
     * The certificate the agent registered with, or the one a renewal gave it once presented.
     *
     * @return its node name and serial
     */
    public PeerCertificate certificate() {
        return certificate;
    }

    /**
     * Notes that the hub renewed the agent's certificate: the new one may take over this registration when the agent
     * first presents it ({@link #takeOver}), so that the agent goes on without registering again, as a worker's
     * connection carries on after a renewal.
     *
     * @param next the certificate the hub issued
     */
    public void renewed(PeerCertificate next) {
        renewedTo = Optional.of(next);
    }

    /**
     * Moves this registration to the certificate a renewal gave, when that is the one presented and the hub recognises
     * it (which makes the hub forget the replaced one); the hub's request to renew, if any, is answered by it.
     *
     * @param presented the certificate the agent presented
     * @param hubCheck the hub's check of that certificate, throwing when it may not act for the node
     * @return true when the registration now goes by {@code presented}
     */
    synchronized boolean takeOver(PeerCertificate presented, Consumer<PeerCertificate> hubCheck) {
        if (!renewedTo.filter(presented::equals).isPresent()) {
            return false;
        }
        hubCheck.accept(presented);
        certificate = presented;
        renewedTo = Optional.empty();
        renewalRequested = Optional.empty();
        return true;
    }

    /**
     * The hub's answer to the registration or the latest heartbeat.
     *
     * @return the node's name, the heartbeat interval, the grace and the tasks to drop
     */
    public NodeMessage.HeartbeatAck lastAck() {
        return lastAck;
    }

    /**
     * Why the hub asked this agent to renew its certificate now (RENEW_REQUESTED, after a CA rotation), if it did. It
     * asks once per registration; the request ends when the renewed certificate takes over ({@link #takeOver}).
     *
     * @return the hub's reason
     */
    public Optional<String> renewalRequested() {
        return renewalRequested;
    }

    /**
     * Whether the hub still holds the agent as a connected worker.
     *
     * @return false once the hub dropped it (silent past the node timeout, removed, refused) or the gateway stopped
     */
    public boolean isOpen() {
        return hub.isOpen();
    }

    /**
     * Completes when the hub no longer holds the agent (or the gateway dropped it).
     *
     * @return why the link ended
     */
    public CompletableFuture<RuntimeException> ended() {
        return hub.ended();
    }

    /**
     * Reports the agent's resources and tasks, and waits for the hub's answer.
     *
     * @param resources what the machine has and how busy it is
     * @param tasks the tasks the agent runs or holds a result for
     * @return the answer: the tasks the hub does not expect from the agent, which it must stop and forget
     */
    public NodeMessage.HeartbeatAck heartbeat(WireResources resources, List<WireTask> tasks) {
        synchronized (heartbeats) {
            CompletableFuture<NodeMessage.HeartbeatAck> answer = new CompletableFuture<>();
            nextAck = answer;
            hub.send(new NodeMessage.Heartbeat(resources, tasks));
            NodeMessage.HeartbeatAck ack = await(answer, "a heartbeat");
            ack.disowned().forEach(held::remove);
            lastAck = ack;
            return ack;
        }
    }

    /**
     * Waits for work: tasks to start and cancels of tasks.
     *
     * @param patience how long to wait when there is none
     * @return what the hub sent ({@link JobMessage.Task} and {@link JobMessage.Cancel}), in order; empty when none came
     * @throws TransportException when the hub dropped the agent meanwhile
     */
    public List<Message> poll(Duration patience) {
        long deadline = System.nanoTime() + patience.toNanos();
        List<Message> taken = new ArrayList<>();
        try {
            while (taken.isEmpty() && isOpen()) {
                long left = Math.min(deadline - System.nanoTime(), TimeUnit.SECONDS.toNanos(1));
                if (left <= 0) {
                    break;
                }
                Message first = work.poll(left, TimeUnit.NANOSECONDS);
                if (first != null) {
                    taken.add(first);
                    work.drainTo(taken, 63);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransportException("interrupted while waiting for work", e);
        }
        if (taken.isEmpty() && !isOpen()) {
            throw whyEnded();
        }
        return taken;
    }

    /**
     * Passes on a chunk of a task's output.
     *
     * @param task the task
     * @param channel stdout or stderr
     * @param data the bytes
     * @throws StaleTaskException when the agent does not hold that attempt of the job
     */
    public void output(WireTask task, OutputChannel channel, Bytes data) {
        requireHeld(task);
        hub.send(new JobMessage.Output(JobId.parse(task.jobId()), task.attempt(), channel, data));
    }

    /**
     * Passes on a task's result and waits until the hub has stored it. A result sent again for the same attempt,
     * before or after it was stored, is answered as the first was.
     *
     * @param result the result
     * @throws StaleTaskException when the agent does not hold that attempt of the job (a stale attempt: fenced)
     */
    public void result(JobMessage.Result result) {
        WireTask task = new WireTask(result.jobId(), result.attempt());
        if (acknowledged.contains(task)) {
            return;
        }
        requireHeld(task);
        CompletableFuture<Void> stored = results.computeIfAbsent(task, t -> {
            CompletableFuture<Void> answer = new CompletableFuture<>();
            hub.send(result);
            return answer;
        });
        if (acknowledged.contains(task)) {
            stored.complete(null); // the acknowledgement overtook the future's entry in the map
        }
        await(stored, "the result of job " + task.jobId() + " attempt " + task.attempt());
        results.remove(task, stored);
    }

    private void requireHeld(WireTask task) {
        if (!held.contains(task)) {
            throw new StaleTaskException("node " + certificate.commonName() + " does not hold attempt " + task.attempt() + " of job "
                    + task.jobId() + ": it was never given that attempt, or the hub gave it up (lost, requeued or ended)");
        }
    }

    private void fromHub(Message message) {
        switch (message) {
            case JobMessage.Task task -> {
                held.add(new WireTask(task.jobId(), task.attempt()));
                queue(task);
            }
            case JobMessage.Cancel cancel -> queue(cancel);
            case JobMessage.ResultAck ack -> {
                WireTask task = new WireTask(ack.jobId(), ack.attempt());
                held.remove(task);
                acknowledged.add(task);
                CompletableFuture<Void> waiting = results.get(task);
                if (waiting != null) {
                    waiting.complete(null);
                }
            }
            case NodeMessage.HeartbeatAck ack -> nextAck.complete(ack);
            case EnrolmentMessage.RenewNow renew -> renewalRequested = Optional.of(renew.reason());
            default -> {
                // pings and the like need no answer from an agent
            }
        }
    }

    private void queue(Message message) {
        if (!work.offer(message)) {
            // the agent has not polled for a long time: the hub treats the node as gone, by its own rules
            close();
        }
    }

    private <T> T await(CompletableFuture<T> answer, String what) {
        try {
            return answer.get(HUB_PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransportException("interrupted while waiting for the hub to take " + what, e);
        } catch (TimeoutException e) {
            throw new TransportException("the hub did not take " + what + " within " + HUB_PATIENCE.toSeconds() + " s", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new TransportException("the hub did not take " + what, e.getCause());
        }
    }

    private RuntimeException whyEnded() {
        return hub.ended().getNow(new TransportException("the hub dropped node " + certificate.commonName()));
    }

    /** Drops the agent as a broken connection would; the hub applies its rules for a worker that went away. */
    @Override
    public void close() {
        hub.close();
    }
}
