package io.resourcepool.core.hub;

import io.resourcepool.api.JobState;
import io.resourcepool.api.NodeId;
import io.resourcepool.api.spi.store.JobQuery;
import io.resourcepool.api.spi.store.FencingToken;
import io.resourcepool.api.spi.store.NodeRecord;
import io.resourcepool.api.spi.store.NodeStore;
import io.resourcepool.api.spi.transport.PeerCertificate;
import io.resourcepool.core.protocol.ControlMessage;
import io.resourcepool.core.protocol.EnrolmentMessage;
import io.resourcepool.core.protocol.ErrorCode;
import io.resourcepool.core.protocol.JobMessage;
import io.resourcepool.core.protocol.Message;
import io.resourcepool.core.protocol.MessageChannel;
import io.resourcepool.core.protocol.MessageCodec;
import io.resourcepool.core.protocol.NodeMessage;
import io.resourcepool.core.protocol.WireTask;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A worker's side of the conversation. Its identity comes only from its verified certificate, which must be
 * the one the hub last issued to that node and not revoked. It may report only on itself and its own tasks.
 */
final class WorkerReports {
    private final HubServices hub;
    private final MessageChannel channel;
    private LiveNode node;
    private PeerCertificate certificate;
    private boolean renewalAsked;

    WorkerReports(HubServices hub, MessageChannel channel) {
        this.hub = hub;
        this.channel = channel;
    }

    String nodeName() {
        return node == null ? "?" : node.id().value();
    }

    /**
     * Registers the worker named by its certificate. It takes back the tasks it still has that the hub expects
     * from it (after a broken connection, or a restart of the hub), and is told to stop the others.
     */
    void register(NodeMessage.Register request, PeerCertificate certificate) {
        NodeRecord stored = hub.enrolment().recognised(certificate);
        this.certificate = certificate;
        Instant now = hub.clock().instant();
        Optional<FencingToken> lease = leaseOf(stored.id());
        try {
            registerUnder(lease, request, stored, now);
        } catch (RuntimeException e) {
            // a registration that failed half way gives its lease back once the node's grace ends, unless it comes back
            hub.leases().lapse(stored.id(), now.plus(hub.loss().grace()));
            throw e;
        }
    }

    private void registerUnder(Optional<FencingToken> lease, NodeMessage.Register request, NodeRecord stored, Instant now) {
        node = new LiveNode(stored.id(), request.hostname(), channel, request.resources().toResources(),
                request.labels(), request.sandbox(), stored.drained(), now);
        node.certificateExpires(certificate.notAfter());
        node.leasedUnder(lease);
        if (lease.isPresent()) {
            hub.loss().adopt(stored.id(), hub.store().jobs().list(new JobQuery(Optional.of(JobState.RUNNING), Optional.of(stored.id()),
                    Optional.empty(), JobQuery.MAX_LIMIT)));
        }
        Optional<LiveNode> replaced = hub.registry().connect(node);
        WorkerLoss.Registration taken = hub.loss().registered(node, replaced, request.tasks(), request.sameProcess());
        if (!request.labels().equals(stored.labels())) {
            hub.store().nodes().setLabels(stored.id(), request.labels());
        }
        hub.store().nodes().recordHeartbeat(stored.id(), now, node.resources());
        channel.send(ack(request.requestId(), taken.disowned()));
        hub.loss().resend(node, taken.unsent());
        askToRenewIfFromRetiringCa();
        hub.dispatcher().placeWaiting();
    }

    /**
     * The node's lease for this hub, where hubs share the database; a refusal because another hub holds it is audited,
     * once per episode of refusals.
     */
    private Optional<FencingToken> leaseOf(NodeId id) {
        return hub.leases().take(id, why -> hub.audit("node:" + id, "node.lease-refused", id.value(), channel.connection().remoteAddress(), why));
    }

    /** After a CA rotation, a worker whose certificate the old CA signed is asked (once per connection) to renew now. */
    private void askToRenewIfFromRetiringCa() {
        if (!renewalAsked && hub.enrolment().fromRetiringCa(certificate)) {
            renewalAsked = true;
            channel.send(new EnrolmentMessage.RenewNow("the hub's CA was rotated: renew from the new CA"));
        }
    }

    void handle(Message message) {
        switch (message) {
            case NodeMessage.Heartbeat m -> {
                Instant now = hub.clock().instant();
                boolean moreGpus = node.heartbeat(m.resources().toResources(), now);
                hub.heartbeats().record(node.id(), new NodeStore.Heartbeat(now, node.resources()));
                channel.send(ack(0, hub.loss().unexpected(node, m.tasks())));
                askToRenewIfFromRetiringCa();
                if (moreGpus) {
                    hub.dispatcher().placeWaiting();
                }
            }
            case JobMessage.Output m -> hub.completion().output(node, m);
            case JobMessage.OutputCopy m -> hub.completion().outputCopy(node, m);
            case JobMessage.Result m -> hub.completion().result(node, m);
            case ControlMessage.Ping m -> channel.send(new ControlMessage.Pong(m.requestId()));
            case EnrolmentMessage.Renew m -> {
                EnrolmentMessage.Renewed renewed = hub.enrolment().renew(node.id(), certificate, m, channel.connection().remoteAddress(), Optional.empty());
                node.certificateExpires(Optional.of(Enrolment.leafOf(renewed.certificateChain()).getNotAfter().toInstant()));
                channel.send(renewed);
            }
            default -> throw new ConversationException(ErrorCode.NOT_ALLOWED, MessageCodec.typeOf(message) + " is not a worker report");
        }
    }

    /** The worker's connection ended: forget it; its running jobs wait for it to come back until its grace ends. */
    void disconnected() {
        if (node != null && hub.registry().disconnect(node)) {
            hub.loss().disconnected(node);
            hub.leases().lapse(node.id(), node.lastHeartbeat().plus(hub.loss().grace()));
        }
    }

    private NodeMessage.HeartbeatAck ack(long requestId, List<WireTask> disowned) {
        return new NodeMessage.HeartbeatAck(requestId, node.id().value(), hub.config().heartbeatInterval().toMillis(),
                hub.loss().grace().toMillis(), disowned);
    }
}
