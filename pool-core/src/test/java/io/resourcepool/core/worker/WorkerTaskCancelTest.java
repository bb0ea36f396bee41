package io.resourcepool.core.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.resourcepool.api.JobId;
import io.resourcepool.api.spi.sandbox.ExitStatus;
import io.resourcepool.api.spi.sandbox.SandboxProcess;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A cancel that comes while the sandbox is still starting the task's process is not lost: the process stops once started. */
class WorkerTaskCancelTest {

    @Test
    void aCancelBeforeTheProcessRunsStopsItOnceItRuns() {
        WorkerTask task = new WorkerTask(JobId.random(), 1, Optional.empty());
        CountingProcess process = new CountingProcess();

        task.cancel();
        task.running(process);

        assertThat(process.cancels.get()).isEqualTo(1);
    }

    @Test
    void aRunningTaskIsCancelledOnceAndAnUncancelledOneNotAtAll() {
        WorkerTask cancelled = new WorkerTask(JobId.random(), 1, Optional.empty());
        CountingProcess running = new CountingProcess();
        cancelled.running(running);
        cancelled.cancel();
        WorkerTask untouched = new WorkerTask(JobId.random(), 1, Optional.empty());
        CountingProcess other = new CountingProcess();
        untouched.running(other);

        assertThat(running.cancels.get()).isEqualTo(1);
        assertThat(other.cancels.get()).isZero();
    }

    private static final class CountingProcess implements SandboxProcess {
        final AtomicInteger cancels = new AtomicInteger();

        @Override
        public CompletableFuture<ExitStatus> completion() {
            return new CompletableFuture<>();
        }

        @Override
        public void cancel() {
            cancels.incrementAndGet();
        }
    }
}
