package io.resourcepool.core.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.resourcepool.api.Bytes;
import io.resourcepool.api.spi.sandbox.ExitStatus;
import io.resourcepool.api.spi.sandbox.OutputChannel;
import io.resourcepool.api.spi.sandbox.SandboxLimits;
import io.resourcepool.api.spi.sandbox.SandboxProcess;
import io.resourcepool.api.spi.sandbox.Termination;
import io.resourcepool.testkit.sandbox.RecordingOutputSink;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * A container whose podman lost the race to its attach socket never ran the job: another is started, at most three
 * in all, and podman's words about it stay out of the job's output. Anything else a container ends with is final.
 */
class OciStartTest {
    private static final String ATTACH_ERROR = "Error: failed to connect to container's attach socket: /var/lib/containers/storage/"
            + "overlay-containers/c9b5/userdata/attach: no such file or directory\n";
    private static final SandboxLimits LIMITS = new SandboxLimits(Duration.ofSeconds(30), Duration.ZERO, 0, 0, 1 << 20);

    private final RecordingOutputSink output = new RecordingOutputSink();
    private final List<Container> started = new ArrayList<>();

    /** One container as the sandbox would start it, ended by the test. */
    private final class Container implements SandboxProcess {
        final OciRun run = new OciRun(new Podman(Path.of("/nonexistent/podman"), Path.of("/nonexistent")), "c" + started.size(),
                "localhost/image:1", "sh", LIMITS, output);
        final CompletableFuture<ExitStatus> completion = new CompletableFuture<>();
        boolean cancelled;

        void says(OutputChannel channel, String text) {
            run.accept(channel, Bytes.utf8(text));
        }

        void exits(int code) {
            completion.complete(run.judge(code, false));
        }

        @Override
        public CompletableFuture<ExitStatus> completion() {
            return completion;
        }

        @Override
        public void cancel() {
            cancelled = true;
            completion.complete(new ExitStatus(Termination.CANCELLED, -1, false, "cancelled"));
        }
    }

    private OciStart begin() {
        return OciStart.begin(() -> {
            Container container = new Container();
            started.add(container);
            return new OciStart.Attempt(container, container.run);
        });
    }

    private Container last() {
        return started.get(started.size() - 1);
    }

    @Test
    void aContainerPodmanCouldNotAttachToIsReplacedAndItsErrorStaysOutOfTheOutput() {
        OciStart start = begin();
        last().says(OutputChannel.STDERR, ATTACH_ERROR);
        last().exits(125);

        assertThat(started).hasSize(2);
        assertThat(start.completion()).isNotDone();
        last().says(OutputChannel.STDOUT, "ran\n");
        last().exits(0);

        assertThat(start.completion().join()).isEqualTo(new ExitStatus(Termination.EXITED, 0, false, ""));
        assertThat(output.stdout()).isEqualTo("ran\n");
        assertThat(output.stderr()).isEmpty();
    }

    @Test
    void afterThreeLostRacesTheJobFailsToStartSayingWhy() {
        OciStart start = begin();
        for (int i = 0; i < OciStart.ATTEMPTS; i++) {
            last().says(OutputChannel.STDERR, ATTACH_ERROR);
            last().exits(125);
        }

        assertThat(started).hasSize(OciStart.ATTEMPTS);
        ExitStatus status = start.completion().join();
        assertThat(status.termination()).isEqualTo(Termination.FAILED_TO_START);
        assertThat(status.reason()).contains("podman could not attach to the container of image localhost/image:1")
                .contains("attach socket");
    }

    @Test
    void aCommandThatItselfSaysTheSameWordsAfterOtherOutputIsNotRunAgain() {
        OciStart start = begin();
        last().says(OutputChannel.STDOUT, "working\n");
        last().says(OutputChannel.STDERR, ATTACH_ERROR);
        last().exits(125);

        assertThat(started).hasSize(1);
        assertThat(start.completion().join().exitCode()).isEqualTo(125);
        assertThat(output.stderr()).isEqualTo(ATTACH_ERROR);
    }

    @Test
    void anotherPodmanErrorIsFinal() {
        OciStart start = begin();
        last().says(OutputChannel.STDERR, "Error: localhost/image:1: image not known\n");
        last().exits(125);

        assertThat(started).hasSize(1);
        assertThat(start.completion().join().reason()).contains("podman could not run image localhost/image:1: localhost/image:1: image not known");
    }

    @Test
    void aCancelledJobIsNotStartedAgain() {
        OciStart start = begin();
        last().says(OutputChannel.STDERR, ATTACH_ERROR);
        start.cancel();

        assertThat(last().cancelled).isTrue();
        assertThat(started).hasSize(1);
        assertThat(start.completion().join().termination()).isEqualTo(Termination.CANCELLED);
    }
}
