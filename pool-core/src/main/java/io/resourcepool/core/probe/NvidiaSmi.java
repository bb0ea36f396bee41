package io.resourcepool.core.probe;

import io.resourcepool.api.NodeResources.Gpu;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds NVIDIA GPUs by running {@code nvidia-smi} (see {@link NvidiaSmiOutput}) at every sample, then
 * {@code nvidia-smi -L} for the MIG devices of cards in MIG mode ({@link NvidiaMig}), so that a GPU
 * that disappears (fallen off the bus, driver unloaded) stops being offered at the next heartbeat. A machine
 * without the program has no NVIDIA GPUs; a run that fails or hangs past its deadline reports none for that sample
 * and says why once, as a heartbeat must not fail for it.
 */
final class NvidiaSmi implements GpuSource {
    private static final Logger LOG = LoggerFactory.getLogger(NvidiaSmi.class);
    private static final Duration DEADLINE = Duration.ofSeconds(10);
    private static final int MAX_OUTPUT_BYTES = 1 << 20;

    private final String program;
    private final AtomicBoolean warned = new AtomicBoolean();

    /**
     * @param program the program: a name looked up on the worker's {@code PATH}, or a path
     */
    NvidiaSmi(String program) {
        this.program = program;
    }

    @Override
    public List<Gpu> gpus() {
        Optional<String> table = run("--query-gpu=" + NvidiaSmiOutput.QUERY, "--format=csv,noheader,nounits");
        if (table.isEmpty()) {
            return List.of();
        }
        List<Gpu> cards = NvidiaSmiOutput.parse(table.get());
        if (cards.isEmpty()) {
            return cards;
        }
        // the listing names MIG devices, which the query does not; without it every card is offered whole
        return NvidiaMig.expand(cards, run("-L").map(NvidiaMig::parse).orElse(java.util.Map.of()));
    }

    /** Runs the program with these arguments: what it printed, or nothing when it could not be run or failed. */
    private Optional<String> run(String... arguments) {
        List<String> command = new java.util.ArrayList<>(List.of(program));
        command.addAll(List.of(arguments));
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
        } catch (IOException e) {
            once("no NVIDIA GPUs: '{}' cannot be run ({})", e.getMessage());
            return Optional.empty();
        }
        try (InputStream out = process.getInputStream()) {
            String text = new String(out.readNBytes(MAX_OUTPUT_BYTES), StandardCharsets.UTF_8);
            if (!process.waitFor(DEADLINE.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                once("no NVIDIA GPUs this time: '{}' did not finish within {}", DEADLINE.toString());
                return Optional.empty();
            }
            if (process.exitValue() != 0) {
                once("no NVIDIA GPUs this time: '{}' failed: {}", text.strip());
                return Optional.empty();
            }
            return Optional.of(text);
        } catch (IOException e) {
            process.destroyForcibly();
            once("no NVIDIA GPUs this time: reading '{}' failed ({})", e.getMessage());
            return Optional.empty();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private void once(String message, String detail) {
        if (warned.compareAndSet(false, true)) {
            LOG.info(message, program, detail);
        }
    }

    @Override
    public String toString() {
        return "nvidia-smi(" + program + ")";
    }
}
