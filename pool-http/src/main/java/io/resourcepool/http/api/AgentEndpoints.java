package io.resourcepool.http.api;

import io.resourcepool.api.Bytes;
import io.resourcepool.api.JobId;
import io.resourcepool.api.JobState;
import io.resourcepool.api.spi.sandbox.OutputChannel;
import io.resourcepool.api.spi.transport.PeerCertificate;
import io.resourcepool.core.client.HubLink;
import io.resourcepool.core.hub.Hub;
import io.resourcepool.core.protocol.EnrolmentMessage;
import io.resourcepool.core.protocol.JobMessage;
import io.resourcepool.core.protocol.MessageCodec;
import io.resourcepool.core.protocol.NodeMessage;
import io.resourcepool.core.protocol.WireResources;
import io.resourcepool.core.protocol.WireTask;
import io.resourcepool.http.agent.AgentCertificates;
import io.resourcepool.http.agent.AgentLink;
import io.resourcepool.http.agent.AgentLinks;
import io.resourcepool.http.agent.CertificatePem;
import io.resourcepool.http.agent.StaleTaskException;
import io.resourcepool.http.server.Problems;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Agents over HTTPS: enrolment with a join token and a CSR (no session, no certificate), then, authenticated by the
 * client certificate the hub issued, heartbeats that register the agent as a node, a long poll for work, output and
 * results. Each request becomes what a worker would send on its connection ({@link AgentLinks}), so the hub applies
 * its own rules: the join token's, the node's, the job's (attempts, fencing, results acknowledged once stored).
 */
final class AgentEndpoints {
    static final Set<String> WORK_PARAMETERS = Set.of("waitSeconds");
    private static final Set<String> ENROL_FIELDS = Set.of("joinToken", "csr", "hostname");
    private static final Set<String> RENEW_FIELDS = Set.of("csr");
    private static final Set<String> HEARTBEAT_FIELDS = Set.of("hostname", "resources", "labels", "sandbox", "tasks", "restarted");
    private static final Set<String> RESOURCE_FIELDS = Set.of("logicalCpus", "cpuLoad", "memoryTotalBytes", "memoryAvailableBytes",
            "storageTotalBytes", "storageAvailableBytes");
    private static final Set<String> TASK_FIELDS = Set.of("jobId", "attempt");
    private static final Set<String> OUTPUT_FIELDS = Set.of("attempt", "channel", "data");
    private static final Set<String> RESULT_FIELDS = Set.of("attempt", "state", "exitCode", "outputTruncated", "reason");
    private static final Set<JobState> AGENT_STATES = Set.of(JobState.SUCCEEDED, JobState.FAILED, JobState.TIMED_OUT, JobState.CANCELLED);
    private static final long DEFAULT_WAIT_SECONDS = 25;
    private static final long MAX_WAIT_SECONDS = 60;
    private static final int MAX_ATTEMPT = 1_000_000;
    private static final Duration ENROL_PATIENCE = Duration.ofSeconds(30);

    private final Hub hub;
    private final Optional<AgentCertificates> certificates;
    private final AgentLinks links;

    AgentEndpoints(Hub hub, Optional<AgentCertificates> certificates, AgentLinks links) {
        this.hub = hub;
        this.certificates = certificates;
        this.links = links;
    }

    Answer enrol(ApiCall call) {
        AgentCertificates trust = served();
        JsonObject body = call.json(ENROL_FIELDS);
        String token = body.text("joinToken");
        String csr = body.text("csr");
        String hostname = body.text("hostname");
        try (HubLink enrolling = HubLink.open(hub.connectInProcess(call.peer()), MessageCodec.shared(hub.maxFrameBytes()), "worker",
                "resourcepool-http-agent", m -> { })) {
            EnrolmentMessage.Enrolled enrolled = enrolling.call(id -> new EnrolmentMessage.Enroll(id, token, csr, hostname),
                    EnrolmentMessage.Enrolled.class, ENROL_PATIENCE);
            List<X509Certificate> cas = trust.cas();
            // the hub's own certificate comes from the last: during a CA rotation the retiring CA still signs it
            return Answer.ok(new AgentViews.Enrolled(enrolled.nodeId(), enrolled.certificateChain(), CertificatePem.of(List.of(cas.get(cas.size() - 1))),
                    CertificatePem.of(cas)));
        }
    }

    Answer heartbeat(ApiCall call) {
        PeerCertificate agent = identify(call);
        JsonObject body = call.json(HEARTBEAT_FIELDS);
        NodeMessage.Register report = AgentLinks.report(body.text("hostname"), resources(body), body.optionalTextMap("labels").orElse(Map.of()),
                body.optionalText("sandbox").orElse("process (no isolation)"), tasks(body));
        boolean restarted = body.optionalBoolean("restarted").orElse(false);
        NodeMessage.HeartbeatAck ack = links.heartbeat(call.peer(), agent, report, restarted);
        return Answer.ok(AgentViews.Heartbeat.of(ack, links.find(agent).flatMap(AgentLink::renewalRequested)));
    }

    /**
     * Renews the agent's certificate for the new key its request names, by the hub's rules for a worker's renewal; the
     * certificate it presents stays accepted until it presents the new one, which then takes over its registration
     * (no new registration: its tasks, and the work waiting for its poll, stay). A request for the key it presents is
     * refused.
     */
    Answer renew(ApiCall call) {
        PeerCertificate agent = identify(call);
        String csr = call.json(RENEW_FIELDS).text("csr");
        try {
            EnrolmentMessage.Renewed renewed = hub.renewWorkerCertificate(call.peer(), agent, csr,
                    call.clientCertificates().get(0).getPublicKey());
            PeerCertificate next = AgentCertificates.describe(CertificatePem.leaf(renewed.certificateChain()));
            links.find(agent).ifPresent(link -> link.renewed(next));
            return Answer.ok(new AgentViews.Renewed(renewed.certificateChain(), renewed.trustedCas()));
        } catch (io.resourcepool.api.ProtocolException e) {
            throw new ProblemException(Problems.invalidField("csr", e.getMessage()));
        }
    }

    Answer work(ApiCall call) {
        AgentLink link = registered(call);
        long wait = call.query("waitSeconds").map(AgentEndpoints::waitSeconds).orElse(DEFAULT_WAIT_SECONDS);
        try {
            return Answer.ok(AgentViews.Work.of(link.poll(Duration.ofSeconds(wait))));
        } catch (io.resourcepool.api.TransportException e) {
            throw notRegistered();
        }
    }

    Answer output(ApiCall call) {
        AgentLink link = registered(call);
        JsonObject body = call.json(OUTPUT_FIELDS);
        WireTask task = task(call, body);
        OutputChannel channel = switch (body.text("channel")) {
            case "stdout" -> OutputChannel.STDOUT;
            case "stderr" -> OutputChannel.STDERR;
            default -> throw new ProblemException(Problems.invalidField("channel", "field 'channel' must be stdout or stderr"));
        };
        byte[] data;
        try {
            data = Base64.getDecoder().decode(body.text("data"));
        } catch (IllegalArgumentException e) {
            throw new ProblemException(Problems.invalidField("data", "field 'data' must be base64: " + e.getMessage()));
        }
        fenced(call, link, () -> link.output(task, channel, Bytes.copyOf(data)));
        return Answer.empty();
    }

    Answer result(ApiCall call) {
        AgentLink link = registered(call);
        JsonObject body = call.json(RESULT_FIELDS);
        WireTask task = task(call, body);
        JobState state = state(body.text("state"));
        Optional<Long> exitCode = body.optionalWhole("exitCode", Integer.MIN_VALUE, Integer.MAX_VALUE);
        String reason = body.optionalText("reason").orElse("");
        if (reason.length() > 1000) {
            throw new ProblemException(Problems.invalidField("reason", "field 'reason' must be at most 1000 characters"));
        }
        JobMessage.Result result = new JobMessage.Result(task.jobId(), task.attempt(), state.name(), exitCode.isPresent(),
                exitCode.orElse(0L).intValue(), body.optionalBoolean("outputTruncated").orElse(false), reason);
        fenced(call, link, () -> link.result(result));
        return Answer.ok(new AgentViews.Stored(task.jobId(), task.attempt(), true));
    }

    private AgentCertificates served() {
        return certificates.orElseThrow(() -> new ProblemException(Problems.notFound(
                "this gateway serves no agents: it was started without the hub's CA to check their certificates")));
    }

    private PeerCertificate identify(ApiCall call) {
        return served().identify(call.clientCertificates());
    }

    private AgentLink registered(ApiCall call) {
        return links.find(identify(call)).orElseThrow(this::notRegistered);
    }

    private ProblemException notRegistered() {
        return new ProblemException(Problems.conflict("this agent is not registered with the hub now (never, or dropped after the node"
                + " timeout): send a heartbeat (POST /v1/agents/heartbeat) with the tasks it holds, then poll again"));
    }

    /** Runs a report; one on an attempt the agent does not hold is audited, as the hub audits a worker's, and refused. */
    private void fenced(ApiCall call, AgentLink link, Runnable report) {
        try {
            report.run();
        } catch (StaleTaskException e) {
            hub.workerReportRefused(link.certificate().commonName(), call.peer(), e.getMessage());
            throw new ProblemException(Problems.conflict(e.getMessage()));
        }
    }

    private static WireTask task(ApiCall call, JsonObject body) {
        String id = call.pathParameter("id");
        try {
            JobId.parse(id);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(Problems.notFound("no job " + (id.length() > 64 ? id.substring(0, 64) + "…" : id)));
        }
        long attempt = body.optionalWhole("attempt", 1, MAX_ATTEMPT)
                .orElseThrow(() -> new ProblemException(Problems.invalidField("attempt", "field 'attempt' is required")));
        return new WireTask(id, (int) attempt);
    }

    private static List<WireTask> tasks(JsonObject body) {
        return body.optionalObjectList("tasks", TASK_FIELDS).orElse(List.of()).stream()
                .map(t -> new WireTask(t.text("jobId"), t.optionalWhole("attempt", 1, MAX_ATTEMPT)
                        .orElseThrow(() -> new ProblemException(Problems.invalidField("tasks", "each task needs its attempt"))).intValue()))
                .toList();
    }

    private static WireResources resources(JsonObject body) {
        JsonObject r = body.optionalObject("resources", RESOURCE_FIELDS)
                .orElseThrow(() -> new ProblemException(Problems.invalidField("resources", "field 'resources' is required")));
        return new WireResources((int) whole(r, "logicalCpus", 1, 1 << 20), r.optionalNumber("cpuLoad", 0, 1).orElse(0.0),
                whole(r, "memoryTotalBytes", 0, Long.MAX_VALUE), whole(r, "memoryAvailableBytes", 0, Long.MAX_VALUE),
                whole(r, "storageTotalBytes", 0, Long.MAX_VALUE), whole(r, "storageAvailableBytes", 0, Long.MAX_VALUE), List.of(), List.of());
    }

    private static long whole(JsonObject object, String name, long min, long max) {
        return object.optionalWhole(name, min, max).orElseThrow(() -> new ProblemException(Problems.invalidField("resources." + name,
                "field 'resources." + name + "' is required")));
    }

    private static JobState state(String name) {
        try {
            JobState state = JobState.valueOf(name.toUpperCase(Locale.ROOT));
            if (AGENT_STATES.contains(state)) {
                return state;
            }
        } catch (IllegalArgumentException e) {
            // refused below
        }
        throw new ProblemException(Problems.invalidField("state", "field 'state' must be one of SUCCEEDED, FAILED, TIMED_OUT, CANCELLED"));
    }

    private static long waitSeconds(String text) {
        try {
            long seconds = Long.parseLong(text);
            if (seconds >= 0 && seconds <= MAX_WAIT_SECONDS) {
                return seconds;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new ProblemException(Problems.invalidField("waitSeconds", "query parameter 'waitSeconds' must be a whole number from 0 to "
                + MAX_WAIT_SECONDS));
    }
}
