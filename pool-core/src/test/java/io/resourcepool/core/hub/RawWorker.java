package io.resourcepool.core.hub;

import io.resourcepool.api.NodeId;
import io.resourcepool.api.spi.transport.KeyMaterial;
import io.resourcepool.core.client.PoolClient;
import io.resourcepool.core.protocol.EnrolmentMessage;
import io.resourcepool.core.protocol.HandshakeMessage;
import io.resourcepool.core.protocol.JobMessage;
import io.resourcepool.core.protocol.Message;
import io.resourcepool.core.protocol.MessageChannel;
import io.resourcepool.core.protocol.NodeMessage;
import io.resourcepool.core.protocol.WireResources;
import io.resourcepool.core.protocol.WireTask;
import io.resourcepool.transport.tls.WorkerIdentity;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A worker driven by hand over real mutual TLS, message by message, for tests of what the hub does with what
 * workers say: it enrolls once, then connects and registers as often as a test likes, reporting the tasks it
 * is told to.
 */
final class RawWorker {
    static final WireResources RESOURCES = new WireResources(4, 0.1, 8L << 30, 4L << 30, 100L << 30, 50L << 30, List.of(), List.of());

    private final TlsHubFixture fixture;
    private final KeyMaterial identity;
    private MessageChannel channel;
    private NodeId node;

    private RawWorker(TlsHubFixture fixture, KeyMaterial identity) {
        this.fixture = fixture;
        this.identity = identity;
    }

    /** A worker enrolled with a join token the admin makes, with its key and certificate in the directory. */
    static RawWorker enrolled(TlsHubFixture fixture, PoolClient admin, Path dir) {
        return new RawWorker(fixture, enroll(fixture, admin, dir));
    }

    static KeyMaterial enroll(TlsHubFixture fixture, PoolClient admin, Path dir) {
        WorkerIdentity worker = WorkerIdentity.openOrCreate(dir);
        try (RawTlsClient enrolling = fixture.raw()) {
            enrolling.hello("worker");
            enrolling.send(new EnrolmentMessage.Enroll(3, admin.admin().createJoinToken(Duration.ofMinutes(5)).token().reveal(),
                    worker.certificationRequestPem(), "worker-host"));
            worker.storeCertificate(enrolling.expect(EnrolmentMessage.Enrolled.class).certificateChain());
        }
        return worker.keyMaterial().orElseThrow();
    }

    /** Connects anew, says HELLO and REGISTER with these tasks, and returns the hub's answer. */
    NodeMessage.HeartbeatAck register(WireTask... tasks) {
        return registerWith(RESOURCES, tasks);
    }

    /** Connects anew, says HELLO and REGISTER with these resources and tasks, and returns the hub's answer. */
    NodeMessage.HeartbeatAck registerWith(WireResources resources, WireTask... tasks) {
        channel = fixture.workerChannel(identity);
        channel.send(new HandshakeMessage.Hello(HandshakeMessage.PROTOCOL_VERSION, "worker", "raw-worker"));
        channel.receive();
        channel.send(new NodeMessage.Register(5, "worker-host", resources, Map.of(), "process", List.of(tasks), false));
        NodeMessage.HeartbeatAck ack = (NodeMessage.HeartbeatAck) channel.receive();
        node = NodeId.of(ack.nodeId());
        return ack;
    }

    NodeId node() {
        return node;
    }

    void send(Message message) {
        channel.send(message);
    }

    Message receive() {
        return channel.receive();
    }

    /** Reads until a message of the type comes, skipping the others (heartbeat acks). */
    <M extends Message> M expect(Class<M> type) {
        while (true) {
            Message message = channel.receive();
            if (type.isInstance(message)) {
                return type.cast(message);
            }
        }
    }

    JobMessage.Task expectTask() {
        return expect(JobMessage.Task.class);
    }

    /** Ends the connection, as a worker that died or lost its network would. */
    void disconnect() {
        channel.close();
    }
}
