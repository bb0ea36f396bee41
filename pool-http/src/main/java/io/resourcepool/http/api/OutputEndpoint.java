package io.resourcepool.http.api;

import io.resourcepool.api.JobId;
import io.resourcepool.api.spi.sandbox.OutputChannel;
import io.resourcepool.core.client.RunResult;
import io.resourcepool.http.server.Problem;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code GET /v1/jobs/{id}/output}: a job's output as Server-Sent Events, from any client, for as long as it runs.
 * First the output the hub kept so far (its last 64 KiB, stdout and stderr interleaved, as stdout), then the output
 * as it comes, each chunk an {@code output} event ({@code {"channel":"stdout","text":"…"}}), then one {@code result}
 * event with the state and exit code; then the stream ends. A job that has ended answers its tail and result at
 * once. The token travels in the {@code Authorization} header, as for every endpoint (read the stream with
 * {@code fetch()}; {@code EventSource} cannot send headers). A failure once the stream has begun is sent as an
 * {@code error} event holding the problem document.
 */
final class OutputEndpoint {
    private final HubClients hub;

    OutputEndpoint(HubClients hub) {
        this.hub = hub;
    }

    Answer follow(ApiCall call) {
        JobId id = JobIds.of(call);
        // refuse an unknown job, a foreign one or a bad session with a plain problem, before the stream begins
        hub.session(call, client -> client.job(id));
        return new Answer.Events(events -> stream(call, id, events));
    }

    private void stream(ApiCall call, JobId id, EventStream events) {
        Map<OutputChannel, Utf8Chunks> decoders = new EnumMap<>(Map.of(OutputChannel.STDOUT, new Utf8Chunks(), OutputChannel.STDERR, new Utf8Chunks()));
        try {
            RunResult result = hub.dedicated(call.peer(), call.token(), client -> {
                events.whenGone(client::close);
                return client.relay(id, (channel, chunk) -> {
                    String text = decoders.get(channel).decode(chunk);
                    if (!text.isEmpty()) {
                        events.send("output", new Views.Output(name(channel), text));
                    }
                });
            });
            decoders.forEach((channel, decoder) -> {
                String rest = decoder.finish();
                if (!rest.isEmpty()) {
                    events.send("output", new Views.Output(name(channel), rest));
                }
            });
            events.send("result", Views.Result.of(result));
        } catch (java.io.UncheckedIOException gone) {
            throw gone;
        } catch (RuntimeException e) {
            Problem problem = Failures.toProblem(e, call);
            events.send("error", problem.document());
        }
    }

    private static String name(OutputChannel channel) {
        return channel.name().toLowerCase(Locale.ROOT);
    }
}
