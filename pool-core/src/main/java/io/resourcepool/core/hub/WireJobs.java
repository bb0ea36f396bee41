package io.resourcepool.core.hub;

import io.resourcepool.api.NodeId;
import io.resourcepool.api.spi.sandbox.OutputChannel;
import io.resourcepool.api.spi.store.JobRecord;
import io.resourcepool.core.protocol.JobMessage;
import io.resourcepool.core.protocol.JobQueryMessage;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Jobs from the store in their wire form. */
final class WireJobs {
    /** A listing shows this much of each command and reason, so that 500 jobs always fit in one frame. */
    private static final int LISTED_ARGUMENTS = 8;
    private static final int LISTED_CHARS = 128;
    private static final int LISTED_REASON_CHARS = 256;

    private WireJobs() {}

    /** The job with its command and reason shortened, for listings. */
    static JobQueryMessage.WireJob summary(JobRecord job) {
        List<String> command = job.spec().command().stream().limit(LISTED_ARGUMENTS).map(a -> cut(a, LISTED_CHARS)).toList();
        return wire(job, command, cut(job.reason(), LISTED_REASON_CHARS));
    }

    /** The job whole. */
    /** The end of a job that ended, as its watchers hear it, from the store. */
    static JobMessage.Result result(JobRecord job) {
        return new JobMessage.Result(job.id().toString(), job.attempt(), job.state().name(), job.exitCode().isPresent(),
                job.exitCode().orElse(0), false, job.reason());
    }

    /** Replays an ended job to a follower from the store: its acceptance, its output tail, then its end. */
    static void replay(JobRecord job, JobWatcher follower) {
        follower.accepted(job.id(), job.node());
        if (job.outputTail().size() > 0) {
            follower.output(new JobMessage.Output(job.id(), job.attempt(), OutputChannel.STDOUT, job.outputTail()));
        }
        follower.result(result(job));
    }

    static JobQueryMessage.WireJob full(JobRecord job) {
        return wire(job, job.spec().command(), job.reason());
    }

    private static JobQueryMessage.WireJob wire(JobRecord job, List<String> command, String reason) {
        return new JobQueryMessage.WireJob(job.id().toString(), job.owner(), job.state().name(), job.attempt(),
                job.node().map(NodeId::value).orElse(""), job.submittedAt().toEpochMilli(), millis(job.startedAt()),
                millis(job.finishedAt()), job.exitCode().orElse(0), job.exitCode().isPresent(), reason, command,
                job.spec().resources().gpus(), job.gpuSeconds());
    }

    private static long millis(Optional<Instant> at) {
        return at.map(Instant::toEpochMilli).orElse(0L);
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
