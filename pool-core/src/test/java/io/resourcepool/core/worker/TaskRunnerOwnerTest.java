package io.resourcepool.core.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.resourcepool.api.JobId;
import io.resourcepool.api.JobSpec;
import io.resourcepool.api.spi.sandbox.ExitStatus;
import io.resourcepool.api.spi.sandbox.Isolation;
import io.resourcepool.api.spi.sandbox.IsolationFeature;
import io.resourcepool.api.spi.sandbox.OutputSink;
import io.resourcepool.api.spi.sandbox.Sandbox;
import io.resourcepool.api.spi.sandbox.SandboxProcess;
import io.resourcepool.api.spi.sandbox.SandboxRequest;
import io.resourcepool.api.spi.sandbox.Termination;
import io.resourcepool.core.protocol.JobMessage;
import io.resourcepool.core.protocol.WireJobSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where jobs would share the worker's identity, only its owner's run, unless sharing is allowed. */
class TaskRunnerOwnerTest {
    @TempDir
    Path data;

    /** A sandbox that runs nothing and remembers what it was asked to start. */
    static final class Recording implements Sandbox {
        final List<SandboxRequest> started = new CopyOnWriteArrayList<>();
        final Set<IsolationFeature> features;

        Recording(Set<IsolationFeature> features) {
            this.features = features;
        }

        @Override
        public Isolation isolation() {
            return new Isolation(features, features.contains(IsolationFeature.SEPARATE_IDENTITY) ? "own uid" : "shared identity: as the worker");
        }

        @Override
        public SandboxProcess start(SandboxRequest request, OutputSink output) {
            started.add(request);
            return new SandboxProcess() {
                @Override
                public CompletableFuture<ExitStatus> completion() {
                    return CompletableFuture.completedFuture(new ExitStatus(Termination.EXITED, 0, false, ""));
                }

                @Override
                public void cancel() {
                    // already ended
                }
            };
        }
    }

    private List<SandboxRequest> run(Set<IsolationFeature> features, WorkerConfig.JobPolicy policy, String owner) {
        Recording sandbox = new Recording(features);
        new TaskRunner(sandbox, data.resolve("jobs"), policy, WorkerConfig.DEVICES)
                .start(new JobMessage.Task(JobId.random().toString(), 1, owner, WireJobSpec.from(JobSpec.of("true"))));
        return sandbox.started;
    }

    @Test
    void aSharedIdentityWorkerRunsItsOwnersJobsOnly() {
        WorkerConfig.JobPolicy owned = new WorkerConfig.JobPolicy("alice", false, false);

        assertThat(run(Set.of(), owned, "alice")).hasSize(1);
        assertThat(run(Set.of(), owned, "bob")).isEmpty();
        assertThat(run(Set.of(), WorkerConfig.JobPolicy.DEFAULT, "alice")).as("no owner: nobody's").isEmpty();
    }

    @Test
    void sharingAllowedOrAnIdentityOfTheirOwnRunsEveryonesJobs() {
        assertThat(run(Set.of(), new WorkerConfig.JobPolicy("alice", true, false), "bob")).hasSize(1);
        assertThat(run(Set.of(IsolationFeature.SEPARATE_IDENTITY), WorkerConfig.JobPolicy.DEFAULT, "bob")).hasSize(1);
    }

    @Test
    void theWorkDirectoryGivenToTheSandboxIsFreshPrivateAndRemovedAfterwards() throws Exception {
        SandboxRequest request = run(Set.of(IsolationFeature.SEPARATE_IDENTITY), WorkerConfig.JobPolicy.DEFAULT, "bob").get(0);

        assertThat(request.workDirectory().getParent()).isEqualTo(data.resolve("jobs").toAbsolutePath());
        assertThat(request.workDirectory().getFileName().toString()).matches("[0-9a-f]{32}");
        assertThat(request.workDirectory()).doesNotExist();
    }
}
