package io.resourcepool.http.agent;

import io.resourcepool.api.spi.transport.PeerCertificate;
import io.resourcepool.core.hub.Hub;
import io.resourcepool.core.protocol.MessageCodec;
import io.resourcepool.core.protocol.NodeMessage;
import io.resourcepool.core.protocol.WireResources;
import io.resourcepool.core.protocol.WireTask;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The agents registered through this gateway, by node name. An agent registers with its first heartbeat, again with
 * the first heartbeat after the hub dropped it (silent past the node timeout, or the hub restarted), and again with the
 * first heartbeat of a new process of its own, even while the hub still holds the earlier one's registration: it then
 * reports the tasks it still holds, and the hub takes back those it expects and gives up the others, exactly as for a
 * worker that reconnects. Closing this drops every agent, as a stopping hub drops its workers' connections.
 */
public final class AgentLinks implements AutoCloseable {
    private final Hub hub;
    private final MessageCodec codec;
    private final Map<String, AgentLink> links = new ConcurrentHashMap<>();
    /** One lock per node name, so that an agent's registrations follow one another while other agents' go on. */
    private final Map<String, Object> registering = new ConcurrentHashMap<>();

    /**
     * Serves agents on a started hub.
     *
     * @param hub the hub
     */
    public AgentLinks(Hub hub) {
        this.hub = hub;
        this.codec = MessageCodec.shared(hub.maxFrameBytes());
    }

    /**
     * Takes an agent's heartbeat: registers it when the hub holds no connection of it under this certificate, or when
     * it is the first heartbeat of a new process of the agent, and heartbeats otherwise. A new process registers in
     * place of the earlier one's registration, as a worker that reconnects replaces a connection the hub still holds:
     * the hub gives up the tasks it gave that registration and the new process does not report.
     *
     * @param peer the agent's address, {@code ip:port}
     * @param certificate its verified certificate
     * @param report what the agent says of itself
     * @param restarted whether this is the first heartbeat of the agent's process (which holds nothing an earlier
     *     process was given unless it reports it)
     * @return the hub's answer
     * @throws io.resourcepool.api.PoolException as the hub refused the agent (a revoked or replaced certificate)
     */
    public NodeMessage.HeartbeatAck heartbeat(String peer, PeerCertificate certificate, NodeMessage.Register report, boolean restarted) {
        Optional<AgentLink> current = restarted ? Optional.empty() : find(certificate);
        if (current.isPresent()) {
            try {
                return current.get().heartbeat(report.resources(), report.tasks());
            } catch (io.resourcepool.api.TransportException e) {
                // dropped by the hub while the heartbeat was under way: it registers again below
            }
        }
        synchronized (registering.computeIfAbsent(certificate.commonName(), name -> new Object())) {
            Optional<AgentLink> meanwhile = restarted ? Optional.empty() : find(certificate);
            if (meanwhile.isPresent()) {
                return meanwhile.get().lastAck();
            }
            AgentLink link = AgentLink.register(hub.connectWorkerInProcess(peer, certificate), codec, certificate, report);
            AgentLink replaced = links.put(certificate.commonName(), link);
            if (replaced != null) {
                replaced.close();
            }
            link.ended().thenRun(() -> links.remove(certificate.commonName(), link));
            return link.lastAck();
        }
    }

    /**
     * The agent's registration, if the hub still holds it under this certificate, or under the one this certificate's
     * renewal replaced (the registration then goes by this one, see {@link AgentLink#takeOver}).
     *
     * @param certificate the agent's verified certificate
     * @return its link, open
     * @throws io.resourcepool.api.AuthenticationException when a renewed certificate is no longer the node's
     */
    public Optional<AgentLink> find(PeerCertificate certificate) {
        AgentLink link = links.get(certificate.commonName());
        if (link == null || !link.isOpen()) {
            return Optional.empty();
        }
        boolean current = link.certificate().equals(certificate) || link.takeOver(certificate, hub::recogniseWorkerCertificate);
        return current ? Optional.of(link) : Optional.empty();
    }

    /**
     * A registration as the agent's report makes it.
     *
     * @param hostname the machine's name
     * @param resources what it has
     * @param labels its labels
     * @param sandbox the isolation it gives jobs, in words
     * @param tasks the tasks it runs or holds a result for
     * @return the registration; an agent's never claims to be the same process (a task it does not list is given up
     *     rather than sent again)
     */
    public static NodeMessage.Register report(String hostname, WireResources resources, Map<String, String> labels, String sandbox,
            List<WireTask> tasks) {
        return new NodeMessage.Register(1, hostname, resources, labels, sandbox, tasks, false);
    }

    /** Drops every agent. */
    @Override
    public void close() {
        links.values().forEach(AgentLink::close);
        links.clear();
    }
}
