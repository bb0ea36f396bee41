package io.resourcepool.core.worker;

import io.resourcepool.api.JobId;
import io.resourcepool.api.JobSpec;
import io.resourcepool.api.JobState;
import io.resourcepool.api.SandboxException;
import io.resourcepool.api.TransportException;
import io.resourcepool.api.spi.sandbox.ExitStatus;
import io.resourcepool.api.spi.sandbox.Sandbox;
import io.resourcepool.api.spi.sandbox.SandboxLimits;
import io.resourcepool.api.spi.sandbox.SandboxProcess;
import io.resourcepool.api.spi.sandbox.SandboxRequest;
import io.resourcepool.core.client.HubLink;
import io.resourcepool.core.protocol.JobMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the hub's tasks: each in a fresh work directory, through the sandbox, its output streamed to the hub as
 * it comes and its result sent when the process tree has ended. Cancel kills the task's process tree.
 */
final class TaskRunner {
    private static final Logger log = LoggerFactory.getLogger(TaskRunner.class);

    private final Sandbox sandbox;
    private final Path jobsDirectory;
    private final Map<JobId, SandboxProcess> running = new ConcurrentHashMap<>();

    TaskRunner(Sandbox sandbox, Path jobsDirectory) {
        this.sandbox = sandbox;
        this.jobsDirectory = jobsDirectory;
    }

    Set<JobId> runningJobs() {
        return Set.copyOf(running.keySet());
    }

    void start(JobMessage.Task task, HubLink link) {
        JobId id = JobId.parse(task.jobId());
        JobSpec spec = task.spec().toSpec();
        Path workDir = jobsDirectory.resolve(id + "-" + task.attempt());
        SandboxProcess process;
        try {
            createWorkDirectory(workDir);
            Path startDir = createStartDirectory(workDir, spec.workingDirectory());
            process = sandbox.start(new SandboxRequest(spec.command(), spec.environment(), workDir, startDir, limitsOf(spec)),
                    (channel, chunk) -> send(link, new JobMessage.Output(id, task.attempt(), channel, chunk)));
        } catch (SandboxException | IOException e) {
            send(link, new JobMessage.Result(task.jobId(), task.attempt(), JobState.FAILED.name(), false, 0, false,
                    "could not start: " + e.getMessage()));
            delete(workDir);
            return;
        }
        running.put(id, process);
        process.completion().thenAccept(status -> {
            running.remove(id);
            send(link, resultOf(task, status));
            delete(workDir);
        });
    }

    void cancel(JobMessage.Cancel cancel) {
        SandboxProcess process = running.get(JobId.parse(cancel.jobId()));
        if (process != null) {
            process.cancel();
        }
    }

    /** The connection to the hub is gone: the hub has marked these jobs lost, so stop them. */
    void cancelAll() {
        running.values().forEach(SandboxProcess::cancel);
    }

    private static JobMessage.Result resultOf(JobMessage.Task task, ExitStatus status) {
        JobState state = switch (status.termination()) {
            case EXITED -> status.exitCode() == 0 ? JobState.SUCCEEDED : JobState.FAILED;
            case TIMED_OUT -> JobState.TIMED_OUT;
            case CANCELLED -> JobState.CANCELLED;
            case LIMIT_EXCEEDED, FAILED_TO_START -> JobState.FAILED;
        };
        boolean exited = status.termination() == io.resourcepool.api.spi.sandbox.Termination.EXITED;
        return new JobMessage.Result(task.jobId(), task.attempt(), state.name(), exited, status.exitCode(), status.outputTruncated(), status.reason());
    }

    private static void send(HubLink link, io.resourcepool.core.protocol.Message message) {
        try {
            link.send(message);
        } catch (TransportException e) {
            log.debug("could not send {} to the hub: {}", message.getClass().getSimpleName(), e.getMessage());
        }
    }

    /**
     * The sandbox limits of a job: its timeout as wall time, its memory request as its memory limit, its CPU
     * request as its CPU share, and its output cap. The sandbox adds the worker's ceilings.
     */
    static SandboxLimits limitsOf(JobSpec spec) {
        return new SandboxLimits(spec.timeout(), Duration.ZERO, spec.resources().memoryBytes(), 0, spec.outputCapBytes(),
                spec.resources().cpus());
    }

    private static void createWorkDirectory(Path dir) throws IOException {
        Files.createDirectories(dir);
        // the sandbox may run the job as another (unprivileged) user, who must be able to write here
        dir.toFile().setWritable(true, false);
        dir.toFile().setExecutable(true, false);
        dir.toFile().setReadable(true, false);
    }

    /** The spec's working directory inside the fresh work directory, made for the job: nothing is there to follow yet. */
    private static Path createStartDirectory(Path workDir, String workingDirectory) throws IOException {
        Path start = workDir;
        for (String name : workingDirectory.isEmpty() ? new String[0] : workingDirectory.split("/")) {
            start = start.resolve(name);
            if (!Files.isDirectory(start, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                createWorkDirectory(start);
            }
        }
        return start;
    }

    private static void delete(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            log.debug("could not remove work directory {}: {}", dir, e.getMessage());
        }
    }
}
