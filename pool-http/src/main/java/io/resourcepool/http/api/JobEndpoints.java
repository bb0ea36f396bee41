package io.resourcepool.http.api;

import io.resourcepool.api.JobId;
import io.resourcepool.api.JobState;
import io.resourcepool.api.NodeId;
import io.resourcepool.api.spi.store.JobQuery;
import io.resourcepool.core.client.RequestRefusedException;
import io.resourcepool.core.protocol.JobQueryMessage;
import io.resourcepool.http.server.Problems;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Jobs: submit one detached ({@code POST /v1/jobs}), list them ({@code GET /v1/jobs}), read one with its output tail
 * ({@code GET /v1/jobs/{id}}), cancel one ({@code POST /v1/jobs/{id}/cancel}), and run a short command and wait for
 * it ({@code POST /v1/run}). Who may see and cancel which job is the hub's decision.
 */
final class JobEndpoints {
    static final Set<String> LIST_PARAMETERS = Set.of("state", "node", "owner", "limit");
    private static final int DEFAULT_LIMIT = 100;

    private final HubDoor hub;

    JobEndpoints(HubDoor hub) {
        this.hub = hub;
    }

    Answer submit(ApiCall call) {
        var spec = JobSpecReader.DETACHED.read(call);
        JobId id = hub.operations(call).submit(spec);
        return Answer.accepted(new Views.Accepted(id.toString()), JobIds.location(id));
    }

    Answer run(ApiCall call) {
        var spec = JobSpecReader.SYNCHRONOUS.read(call);
        return Answer.ok(Views.Run.of(hub.waiting(() -> hub.operations(call).run(spec, (channel, chunk) -> { }))));
    }

    Answer list(ApiCall call) {
        JobQuery query = new JobQuery(call.query("state").map(JobEndpoints::state), call.query("node").map(JobEndpoints::node),
                call.query("owner"), call.queryWhole("limit", 1, JobQueryMessage.MAX_JOBS).orElse(DEFAULT_LIMIT));
        return Answer.ok(Map.of("jobs", hub.operations(call).jobs(query).stream().map(Views.Job::listed).toList()));
    }

    Answer get(ApiCall call) {
        JobId id = JobIds.of(call);
        return Answer.ok(Views.Job.detailed(hub.operations(call).job(id)));
    }

    Answer cancel(ApiCall call) {
        JobId id = JobIds.of(call);
        try {
            hub.operations(call).cancel(id);
        } catch (RequestRefusedException e) {
            throw new ProblemException(Problems.conflict(e.getMessage()));
        }
        return Answer.accepted(new Views.Accepted(id.toString()), JobIds.location(id));
    }

    private static JobState state(String text) {
        return Arrays.stream(JobState.values()).filter(s -> s.name().equals(text.toUpperCase(Locale.ROOT))).findFirst()
                .orElseThrow(() -> new ProblemException(Problems.invalidField("state", "state must be one of " + Arrays.toString(JobState.values()))));
    }

    private static NodeId node(String text) {
        try {
            return NodeId.of(text);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(Problems.invalidField("node", e.getMessage()));
        }
    }
}
