package io.resourcepool.core.worker;

import io.resourcepool.api.JobId;
import io.resourcepool.api.JobSpec;
import io.resourcepool.api.JobState;
import io.resourcepool.api.SandboxException;
import io.resourcepool.api.spi.sandbox.ExitStatus;
import io.resourcepool.api.spi.sandbox.IsolationFeature;
import io.resourcepool.api.spi.sandbox.Sandbox;
import io.resourcepool.api.spi.sandbox.SandboxLimits;
import io.resourcepool.api.spi.sandbox.SandboxProcess;
import io.resourcepool.api.spi.sandbox.SandboxRequest;
import io.resourcepool.api.spi.sandbox.Termination;
import io.resourcepool.core.client.HubLink;
import io.resourcepool.core.protocol.JobMessage;
import io.resourcepool.core.protocol.WireTask;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the hub's tasks: each in a fresh, private work directory ({@link JobDirectories}), through the sandbox, its output streamed to the hub as
 * it comes and its result sent when the process tree has ended. A task is kept until the hub acknowledges its
 * result, so that neither a broken connection nor a restarted hub loses it: the worker reports its tasks when it
 * registers again, the hub takes back those it expects, and the others are stopped. Cancel kills the task's
 * process tree. Where the sandbox gives jobs no identity of their own, only the worker's owner's tasks run, unless
 * the configuration allows every user's.
 */
final class TaskRunner {
    private static final Logger log = LoggerFactory.getLogger(TaskRunner.class);
    /** How many cancels for tasks not (yet) here are remembered, for a TASK that arrives after its CANCEL. */
    private static final int EARLY_CANCELS = 1024;

    private final Sandbox sandbox;
    private final JobDirectories directories;
    private final WorkerConfig.JobPolicy policy;
    private final GpuAssignments gpus = new GpuAssignments();
    private final Path gpuDeviceRoot;
    /** The sandbox's isolation, asked once: it does not change while the worker runs. */
    private volatile io.resourcepool.api.spi.sandbox.Isolation isolation;
    private final Map<JobId, WorkerTask> tasks = new ConcurrentHashMap<>();
    private final Set<JobId> cancelledEarly = Collections.synchronizedSet(Collections.newSetFromMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<JobId, Boolean> eldest) {
            return size() > EARLY_CANCELS;
        }
    }));
    private volatile Optional<HubLink> link = Optional.empty();

    TaskRunner(Sandbox sandbox, Path jobsDirectory, WorkerConfig.JobPolicy policy, Path gpuDeviceRoot) {
        this.sandbox = sandbox;
        this.gpuDeviceRoot = gpuDeviceRoot;
        this.directories = new JobDirectories(jobsDirectory, policy.keepWorkDirectories());
        this.policy = policy;
    }

    /**
     * The GPUs the probe saw at its last sample: those a job may be given from now on.
     *
     * @param present the GPUs present
     */
    void gpusPresent(List<io.resourcepool.api.NodeResources.Gpu> present) {
        gpus.present(present);
    }

    /**
     * A sample as the hub is told it: each GPU a job holds here marked with that job.
     *
     * @param sampled what the probe saw
     * @return the report
     */
    io.resourcepool.api.NodeResources reported(io.resourcepool.api.NodeResources sampled) {
        return new io.resourcepool.api.NodeResources(sampled.logicalCpus(), sampled.cpuLoad(), sampled.memoryTotalBytes(),
                sampled.memoryAvailableBytes(), sampled.storageTotalBytes(), sampled.storageAvailableBytes(), gpus.marked(sampled.gpus()));
    }

    /** Every task kept: running, or ended with a result the hub has not acknowledged. */
    List<WireTask> reports() {
        return tasks.values().stream().map(WorkerTask::report).toList();
    }

    void start(JobMessage.Task task) {
        JobId id = JobId.parse(task.jobId());
        WorkerTask mine = new WorkerTask(id, task.attempt(), link);
        WorkerTask earlier = tasks.put(id, mine);
        if (earlier != null) {
            // an older attempt the hub has given up: its end must not reach the hub, which would refuse it
            earlier.detach();
            earlier.cancel();
        }
        Optional<String> refusal = refusal(task.owner());
        if (refusal.isPresent()) {
            log.warn("refusing job {} of user '{}': {}", id, task.owner(), refusal.get());
            mine.ended(failed(task, "refused by the worker: " + refusal.get()));
            return;
        }
        JobSpec spec = task.spec().toSpec();
        Optional<List<io.resourcepool.api.NodeResources.Gpu>> given = gpus.assign(mine, id.toString(), spec.resources());
        if (given.isEmpty()) {
            log.warn("job {} asks for {} GPU(s) and too few are free here", id, spec.resources().gpus());
            mine.ended(failed(task, "refused by the worker: it asks for " + spec.resources().gpus() + " GPU(s)"
                    + (spec.resources().gpuModel().isEmpty() ? "" : " of model '" + spec.resources().gpuModel() + "'")
                    + " and too few are free on this node (one may have disappeared)"));
            return;
        }
        GpuGrant grant = GpuGrant.of(given.get(), gpus.families(), gpuDeviceRoot);
        Path workDir = null;
        SandboxProcess process;
        try {
            workDir = directories.create();
            Path startDir = JobDirectories.createStartDirectory(workDir, spec.workingDirectory());
            process = sandbox.start(new SandboxRequest(spec.command(), grant.environmentOver(spec.environment()), workDir, startDir,
                    limitsOf(spec), spec.network(), spec.image(), grant.devices()), mine::output);
        } catch (SandboxException | IOException e) {
            gpus.release(mine);
            mine.ended(failed(task, "could not start: " + e.getMessage()));
            if (workDir != null) {
                directories.finished(workDir, id, task.attempt());
            }
            return;
        } catch (RuntimeException e) {
            gpus.release(mine);
            throw e;
        }
        Path ran = workDir;
        mine.running(process);
        if (cancelledEarly.remove(id)) {
            mine.cancel();
        }
        process.completion().whenComplete((status, failure) -> gpus.release(mine)).thenAccept(status -> {
            // gone before the result is sent: whoever hears the job ended finds nothing of it left
            directories.finished(ran, id, task.attempt());
            mine.ended(resultOf(task, status));
        });
    }

    /**
     * Why a task may not run here: its jobs would share the worker's identity (and read its key) while it belongs
     * to a user other than the worker's owner, and sharing is not allowed.
     */
    private Optional<String> refusal(String owner) {
        if (isolation == null) {
            isolation = sandbox.isolation();
        }
        if (policy.allowSharedIdentity() || isolation.features().contains(IsolationFeature.SEPARATE_IDENTITY)) {
            return Optional.empty();
        }
        if (!policy.owner().isEmpty() && policy.owner().equals(owner)) {
            return Optional.empty();
        }
        return Optional.of("its jobs would share the worker's own identity (sandbox: " + isolation.description().split(";")[0]
                + ") and it runs only the jobs of its owner " + (policy.owner().isEmpty() ? "(worker.owner, not set)" : "'" + policy.owner() + "'")
                + "; use a sandbox that gives jobs an identity of their own (bubblewrap, or a root worker), or set worker.allow-shared-identity=true");
    }

    private static JobMessage.Result failed(JobMessage.Task task, String reason) {
        return new JobMessage.Result(task.jobId(), task.attempt(), JobState.FAILED.name(), false, 0, false, reason);
    }

    void cancel(JobMessage.Cancel cancel) {
        JobId id = JobId.parse(cancel.jobId());
        WorkerTask task = tasks.get(id);
        if (task != null) {
            task.cancel();
        } else {
            cancelledEarly.add(id);
        }
    }

    /** The hub has the task's result durably: forget it. */
    void acknowledged(JobMessage.ResultAck ack) {
        tasks.computeIfPresent(JobId.parse(ack.jobId()), (id, task) -> task.attempt() == ack.attempt() ? null : task);
    }

    /**
     * Registered on a new connection: the tasks the hub disowned are stopped and forgotten, and the others are
     * attached to it, passing on what it missed.
     */
    void attach(HubLink current, List<WireTask> disowned) {
        disown(disowned);
        link = Optional.of(current);
        tasks.values().forEach(task -> task.attach(current));
    }

    /** The tasks the hub does not expect from this worker (ended, lost, or placed elsewhere): stopped and forgotten. */
    void disown(List<WireTask> disowned) {
        for (WireTask report : disowned) {
            JobId id = JobId.parse(report.jobId());
            WorkerTask task = tasks.get(id);
            if (task != null && task.attempt() == report.attempt() && tasks.remove(id, task)) {
                log.info("the hub no longer expects job {} attempt {} here; stopping it", id, report.attempt());
                task.detach();
                task.cancel();
            }
        }
    }

    /** The connection broke: tasks go on, keeping their output's tail and their results for the next connection. */
    void detach() {
        link = Optional.empty();
        tasks.values().forEach(WorkerTask::detach);
    }

    /** Stops every task and forgets it: the worker stops, or the hub has given up on it. */
    void cancelAll() {
        tasks.values().forEach(task -> {
            task.detach();
            task.cancel();
        });
        tasks.clear();
    }

    private static JobMessage.Result resultOf(JobMessage.Task task, ExitStatus status) {
        JobState state = switch (status.termination()) {
            case EXITED -> status.exitCode() == 0 ? JobState.SUCCEEDED : JobState.FAILED;
            case TIMED_OUT -> JobState.TIMED_OUT;
            case CANCELLED -> JobState.CANCELLED;
            case LIMIT_EXCEEDED, FAILED_TO_START -> JobState.FAILED;
        };
        boolean exited = status.termination() == Termination.EXITED;
        return new JobMessage.Result(task.jobId(), task.attempt(), state.name(), exited, status.exitCode(), status.outputTruncated(), status.reason());
    }

    /**
     * The sandbox limits of a job: its timeout as wall time, its memory request as its memory limit, its CPU
     * request as its CPU share, and its output cap. The sandbox adds the worker's ceilings.
     */
    static SandboxLimits limitsOf(JobSpec spec) {
        return new SandboxLimits(spec.timeout(), Duration.ZERO, spec.resources().memoryBytes(), 0, spec.outputCapBytes(),
                spec.resources().cpus());
    }
}
