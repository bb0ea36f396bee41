package io.resourcepool.http.api;

import io.resourcepool.api.PoolAggregate;
import io.resourcepool.http.history.AggregateHistory;
import io.resourcepool.http.history.AggregateSample;
import io.resourcepool.http.server.Problems;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code GET /v1/aggregate/history}: the pool's totals over the last hour, one sample per interval, oldest first,
 * then the pool as it is now; with {@code since}, only the samples taken after that time (and now). The hub checks
 * the session and the role exactly as for {@code GET /v1/aggregate}, since reading the aggregate is what it does.
 */
final class HistoryEndpoint {
    static final Set<String> PARAMETERS = Set.of("since");

    private final HubDoor hub;
    private final AggregateHistory history;

    HistoryEndpoint(HubDoor hub, AggregateHistory history) {
        this.hub = hub;
        this.history = history;
    }

    Answer history(ApiCall call) {
        Optional<Instant> since = call.query("since").map(HistoryEndpoint::instant);
        PoolAggregate now = hub.operations(call).aggregate();
        List<Sample> samples = new ArrayList<>(history.samples(since).stream().map(Sample::of).toList());
        samples.add(Sample.of(AggregateSample.of(history.now(), now)));
        return Answer.ok(new History(history.interval().toSeconds(), history.window().toSeconds(), samples));
    }

    /** Reads a {@code since} query parameter: an ISO-8601 UTC time, or a 400 problem naming it. */
    static Instant instant(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new ProblemException(Problems.invalidField("since", "since must be an ISO-8601 UTC time such as 2030-01-01T12:00:00Z"));
        }
    }

    record History(long intervalSeconds, long windowSeconds, List<Sample> samples) {}

    record Sample(String at, int onlineNodes, long logicalCpus, double cpusInUse, long memoryTotalBytes, long memoryInUseBytes) {
        static Sample of(AggregateSample s) {
            return new Sample(s.at().toString(), s.onlineNodes(), s.logicalCpus(), s.cpusInUse(), s.memoryTotalBytes(), s.memoryInUseBytes());
        }
    }
}
