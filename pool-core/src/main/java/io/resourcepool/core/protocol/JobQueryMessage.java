package io.resourcepool.core.protocol;

import io.resourcepool.api.ProtocolException;
import io.resourcepool.api.spi.store.JobRecord;
import java.util.List;

/** Reading jobs from the hub's store: a filtered list, and one job with its output tail. */
public sealed interface JobQueryMessage extends Message {
    /** The most jobs one JOBS answers with, so that the answer fits in a frame. */
    int MAX_JOBS = 500;

    /**
     * List jobs, newest first. Empty filters match any job; the hub narrows a non-admin to their own jobs.
     *
     * @param requestId the request id
     * @param state only jobs in this state (a {@code JobState} name); empty for any
     * @param node only jobs placed on this node; empty for any
     * @param owner only jobs of this user; empty for any
     * @param limit at most this many jobs, 1 to {@value #MAX_JOBS}
     */
    record Jobs(long requestId, String state, String node, String owner, int limit) implements JobQueryMessage, Request {
        /** Checks the fields. */
        public Jobs {
            WireLimits.requestId(requestId);
            WireLimits.text(state, "state", WireLimits.NAME_CHARS);
            WireLimits.text(node, "node", WireLimits.NAME_CHARS);
            WireLimits.text(owner, "owner", WireLimits.SHORT_TEXT_CHARS);
            if (limit < 1 || limit > MAX_JOBS) {
                throw new ProtocolException("limit must be between 1 and " + MAX_JOBS + ", was " + limit);
            }
        }
    }

    /**
     * One job as clients see it. Times are epoch milliseconds; absent values are 0 or empty.
     *
     * @param id the job's id
     * @param owner who submitted it
     * @param state its state's name
     * @param attempt its current attempt, from 1
     * @param node where its current attempt runs or ran, empty when not placed
     * @param submittedAt when it was accepted
     * @param startedAt when its current attempt started, 0 when it has not
     * @param finishedAt when it ended, 0 when it has not
     * @param exitCode its exit code, meaningful only when {@code exited}
     * @param exited whether the command exited by itself
     * @param reason why it ended so, empty when nothing to say
     * @param command the program and its arguments
     * @param gpus the GPUs it claims
     * @param gpuSeconds the GPU time of its earlier attempts, plus its current attempt's once it has ended
     */
    record WireJob(String id, String owner, String state, int attempt, String node, long submittedAt, long startedAt,
            long finishedAt, int exitCode, boolean exited, String reason, List<String> command, int gpus, double gpuSeconds) {
        /** Checks the fields. */
        public WireJob {
            WireLimits.text(id, "id", WireLimits.NAME_CHARS);
            WireLimits.text(owner, "owner", WireLimits.SHORT_TEXT_CHARS);
            WireLimits.text(state, "state", WireLimits.NAME_CHARS);
            WireLimits.text(node, "node", WireLimits.NAME_CHARS);
            WireLimits.text(reason, "reason", WireLimits.TEXT_CHARS);
            command = WireLimits.list(command, "command");
            command.forEach(a -> WireLimits.text(a, "command argument", io.resourcepool.api.JobSpec.MAX_ARGUMENT_CHARS));
        }
    }

    /**
     * The answer to JOBS.
     *
     * @param requestId the id of the JOBS
     * @param jobs the jobs, newest first
     */
    record JobList(long requestId, List<WireJob> jobs) implements JobQueryMessage {
        /** Checks the fields. */
        public JobList {
            jobs = WireLimits.list(jobs, "jobs");
        }
    }

    /**
     * Ask for one job.
     *
     * @param requestId the request id
     * @param jobId the job's id
     */
    record Job(long requestId, String jobId) implements JobQueryMessage, Request {
        /** Checks the fields. */
        public Job {
            WireLimits.requestId(requestId);
            WireLimits.text(jobId, "jobId", WireLimits.NAME_CHARS);
        }
    }

    /**
     * The answer to JOB: the job and the last bytes of its output, base64 so that they arrive byte for byte.
     *
     * @param requestId the id of the JOB
     * @param job the job
     * @param outputTail its output's tail (stdout and stderr as they came), base64, at most
     *     {@link JobRecord#MAX_OUTPUT_TAIL_BYTES} bytes once decoded
     */
    record JobDetail(long requestId, WireJob job, String outputTail) implements JobQueryMessage {
        /** Checks the fields. */
        public JobDetail {
            if (job == null) {
                throw new ProtocolException("job is missing");
            }
            WireTail.check(outputTail, "outputTail");
        }

        /**
         * The output tail's bytes.
         *
         * @return the decoded tail
         */
        public io.resourcepool.api.Bytes tailBytes() {
            return WireTail.decode(outputTail);
        }
    }
}
