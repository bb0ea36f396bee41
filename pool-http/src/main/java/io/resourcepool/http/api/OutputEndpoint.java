package io.resourcepool.http.api;

import io.resourcepool.api.JobId;
import io.resourcepool.api.spi.sandbox.OutputChannel;
import io.resourcepool.core.client.OutputDroppedException;
import io.resourcepool.core.client.RunResult;
import io.resourcepool.core.hub.DirectFollower;
import io.resourcepool.core.hub.HubOperations;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code GET /v1/jobs/{id}/output}: a job's output as Server-Sent Events, from any client, for as long as it runs.
 * First the output the hub kept so far (its last 64 KiB, stdout and stderr interleaved, as stdout), then the output
 * as it comes, each chunk an {@code output} event ({@code {"channel":"stdout","text":"…"}}), then one {@code result}
 * event with the state and exit code; then the stream ends. A job that has ended answers its tail and result at
 * once. The token travels in the {@code Authorization} header, as for every endpoint (read the stream with
 * {@code fetch()}; {@code EventSource} cannot send headers). A failure once the stream has begun is sent as an
 * {@code error} event holding the problem document.
 *
 * <p>The job is followed on a thread of its own, which only queues events; the request's thread writes them. A
 * reader that falls behind by more than the hub's follower buffer ({@code hub.follower-buffer}) is dropped: it gets
 * a last {@code dropped} event saying how to resume, the stream ends, and the job runs on.
 */
final class OutputEndpoint {
    private final HubDoor hub;
    private final long budgetBytes;

    OutputEndpoint(HubDoor hub, long budgetBytes) {
        this.hub = hub;
        this.budgetBytes = budgetBytes;
    }

    Answer follow(ApiCall call) {
        JobId id = JobIds.of(call);
        // refuse an unknown job, a foreign one or a bad session with a plain problem, before the stream begins
        hub.operations(call).job(id);
        return new Answer.Events(events -> stream(call, id, events));
    }

    private void stream(ApiCall call, JobId id, EventStream events) {
        EventBacklog backlog = new EventBacklog(budgetBytes, new EventBacklog.Pending("dropped", new Views.Dropped(id.toString(),
                "output dropped: this client fell behind; GET /v1/jobs/" + id + "/output (or `pool logs --follow " + id
                        + "`) resumes (the job runs on)")), hub.followerBuffers());
        AtomicReference<DirectFollower> following = new AtomicReference<>();
        Runnable letGo = () -> Optional.ofNullable(following.get()).ifPresent(DirectFollower::close);
        events.whenGone(letGo);
        Thread.ofVirtual().name("http-output-follow-" + id).start(() -> follow(call, id, backlog, following));
        try {
            Optional<EventBacklog.Pending> next;
            while ((next = backlog.take()).isPresent()) {
                events.send(next.get().name(), next.get().data());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            // the reader went away (the write failed) or the stream ended: stop following the job either way
            backlog.close();
            letGo.run();
        }
    }

    /** Follows the job on the hub, queueing its events; a reader dropped for falling behind lets go of the hub. */
    private void follow(ApiCall call, JobId id, EventBacklog backlog, AtomicReference<DirectFollower> following) {
        Map<OutputChannel, Utf8Chunks> decoders = new EnumMap<>(Map.of(OutputChannel.STDOUT, new Utf8Chunks(), OutputChannel.STDERR, new Utf8Chunks()));
        try {
            HubOperations operations = hub.operations(call);
            DirectFollower follower = operations.follower((channel, chunk) -> {
                String text = decoders.get(channel).decode(chunk);
                if (!text.isEmpty() && !backlog.offer("output", new Views.Output(name(channel), text), sizeOf(chunk.size()))) {
                    following.get().close();
                }
            });
            following.set(follower);
            operations.follow(id, follower);
            RunResult result = hub.waiting(follower::await);
            decoders.forEach((channel, decoder) -> {
                String rest = decoder.finish();
                if (!rest.isEmpty()) {
                    backlog.offer("output", new Views.Output(name(channel), rest), sizeOf(rest.length()));
                }
            });
            backlog.finish("result", Views.Result.of(result));
        } catch (OutputDroppedException e) {
            backlog.finish("dropped", new Views.Dropped(id.toString(), e.getMessage()));
        } catch (RuntimeException e) {
            backlog.finish("error", Failures.toProblem(e, call).document());
        }
    }

    /**
     * What an output event costs against the budget: the bytes of output it carries, as the hub's relay counts them,
     * and its framing. Not two bytes a character: the replayed tail (64 KiB) must fit in the smallest follower buffer
     * with room to spare, as it does on the hub, or every stream of a chatty job would be dropped at its first event.
     */
    private static long sizeOf(long outputBytes) {
        return 64L + outputBytes;
    }

    private static String name(OutputChannel channel) {
        return channel.name().toLowerCase(Locale.ROOT);
    }
}
