package io.resourcepool.core.protocol;

import io.resourcepool.api.Bytes;
import io.resourcepool.api.JobId;
import io.resourcepool.api.ProtocolException;
import io.resourcepool.api.spi.sandbox.OutputChannel;

/** Running commands: a client's request (attached or detached), the hub's task for a worker, output, result, cancel. */
public sealed interface JobMessage extends Message {

    /**
     * A client asks to run a command and to be sent its output and result.
     *
     * @param requestId the request id
     * @param spec what to run
     */
    record Run(long requestId, WireJobSpec spec) implements JobMessage, Request {
        /** Checks the fields. */
        public Run {
            WireLimits.requestId(requestId);
            if (spec == null) {
                throw new ProtocolException("spec is missing");
            }
        }
    }

    /**
     * A client asks to run a command detached: the hub answers ACCEPTED and sends nothing more about it; its
     * output tail and result are kept in the store, to be read with JOB.
     *
     * @param requestId the request id
     * @param spec what to run
     */
    record Submit(long requestId, WireJobSpec spec) implements JobMessage, Request {
        /** Checks the fields. */
        public Submit {
            WireLimits.requestId(requestId);
            if (spec == null) {
                throw new ProtocolException("spec is missing");
            }
        }
    }

    /**
     * The hub accepted a job: it is durable and has an id.
     *
     * @param requestId the id of the RUN
     * @param jobId the job's id
     * @param node where it was placed, empty while it waits
     */
    record Accepted(long requestId, String jobId, String node) implements JobMessage {
        /** Checks the fields. */
        public Accepted {
            WireLimits.text(jobId, "jobId", WireLimits.NAME_CHARS);
            WireLimits.text(node, "node", WireLimits.NAME_CHARS);
        }
    }

    /**
     * The hub gives a worker a job to run.
     *
     * @param jobId the job
     * @param attempt which attempt this is; the worker's RESULT must name it
     * @param owner the pool user who submitted the job: a worker whose jobs share its identity runs only its
     *     owner's jobs
     * @param spec what to run
     */
    record Task(String jobId, int attempt, String owner, WireJobSpec spec) implements JobMessage {
        /** Checks the fields. */
        public Task {
            WireLimits.text(jobId, "jobId", WireLimits.NAME_CHARS);
            WireLimits.text(owner, "owner", WireLimits.NAME_CHARS);
            if (spec == null) {
                throw new ProtocolException("spec is missing");
            }
        }
    }

    /**
     * A chunk of a job's output, sent as raw bytes: the job id (16 bytes), the attempt (u32), the channel
     * (1 byte: 1 stdout, 2 stderr), then the data.
     *
     * @param jobId the job
     * @param attempt the attempt that wrote it
     * @param channel stdout or stderr
     * @param data the bytes
     */
    record Output(JobId jobId, int attempt, OutputChannel channel, Bytes data) implements JobMessage {
        /** Checks the fields. */
        public Output {
            if (jobId == null || channel == null || data == null) {
                throw new ProtocolException("output chunk is incomplete");
            }
        }
    }

    /**
     * The worker's copy of what it sent of an attempt's output: its last bytes (at most the stored tail's size)
     * and how many bytes it sent in all. A worker sends one for each task it kept running when it registers on a
     * new connection, before the output it kept while cut off and before any result: a hub that received fewer
     * bytes (it restarted, or chunks died with the old connection) takes the job's tail from the copy, so a stored
     * result never lacks output the worker did send.
     *
     * @param jobId the job
     * @param attempt the attempt that wrote it
     * @param sentBytes how many bytes of output the worker sent for this attempt, in all
     * @param data the last of them, stdout and stderr interleaved as sent, base64
     */
    record OutputCopy(String jobId, int attempt, long sentBytes, String data) implements JobMessage {
        /** Checks the fields. */
        public OutputCopy {
            WireLimits.text(jobId, "jobId", WireLimits.NAME_CHARS);
            WireTail.check(data, "data");
            if (sentBytes < 0) {
                throw new ProtocolException("sentBytes must not be negative, was " + sentBytes);
            }
        }

        /**
         * A copy of an attempt's output.
         *
         * @param jobId the job
         * @param attempt the attempt
         * @param sentBytes how many bytes were sent in all
         * @param last the last of them
         * @return the message
         */
        public static OutputCopy of(JobId jobId, int attempt, long sentBytes, Bytes last) {
            return new OutputCopy(jobId.toString(), attempt, sentBytes, WireTail.encode(last));
        }

        /**
         * The copy's bytes.
         *
         * @return the decoded bytes
         */
        public Bytes bytes() {
            return WireTail.decode(data);
        }
    }

    /**
     * How a job ended, from the worker to the hub and from the hub to the client.
     *
     * @param jobId the job
     * @param attempt the attempt that ended
     * @param state the final state's name
     * @param exited whether the command exited (so {@code exitCode} means something)
     * @param exitCode its exit code
     * @param outputTruncated whether output was cut at the cap
     * @param reason why it ended so, empty when it simply exited
     */
    record Result(String jobId, int attempt, String state, boolean exited, int exitCode, boolean outputTruncated, String reason)
            implements JobMessage {
        /** Checks the fields. */
        public Result {
            WireLimits.text(jobId, "jobId", WireLimits.NAME_CHARS);
            WireLimits.text(state, "state", WireLimits.NAME_CHARS);
            WireLimits.text(reason, "reason", WireLimits.TEXT_CHARS);
        }
    }

    /**
     * The hub tells a worker that a job's result is durable, so the worker may forget it; until then the worker
     * keeps it, and reports it again if the connection breaks first.
     *
     * @param jobId the job
     * @param attempt the attempt whose result it was
     */
    record ResultAck(String jobId, int attempt) implements JobMessage {
        /** Checks the fields. */
        public ResultAck {
            WireLimits.text(jobId, "jobId", WireLimits.NAME_CHARS);
        }
    }

    /**
     * Cancel a job: from a client to the hub (with a request id), or from the hub to a worker (request id 0:
     * the hub expects no answer). A request, so that a refusal answers the client's id rather than 0, which
     * a client takes for the end of the connection.
     *
     * @param requestId the request id, or 0 from the hub
     * @param jobId the job
     */
    record Cancel(long requestId, String jobId) implements JobMessage, Request {
        /** Checks the fields. */
        public Cancel {
            if (requestId < 0) {
                throw new ProtocolException("requestId must not be negative");
            }
            WireLimits.text(jobId, "jobId", WireLimits.NAME_CHARS);
        }
    }

    /**
     * Follow a job from any client: the hub answers {@link Accepted}, then one {@link Output} with the output kept
     * so far (the hub's tail, stdout and stderr interleaved), then live output as it comes, then the {@link Result}.
     * For a job that has ended, the result follows the stored tail at once.
     *
     * @param requestId the request id
     * @param jobId the job
     */
    record Follow(long requestId, String jobId) implements JobMessage, Request {
        /** Checks the fields. */
        public Follow {
            WireLimits.requestId(requestId);
            WireLimits.text(jobId, "jobId", WireLimits.NAME_CHARS);
        }
    }
}
