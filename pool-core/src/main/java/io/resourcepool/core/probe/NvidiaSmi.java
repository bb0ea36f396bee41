package io.resourcepool.core.probe;

import io.resourcepool.api.NodeResources.Gpu;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds NVIDIA GPUs by running {@code nvidia-smi} (see {@link NvidiaSmiOutput}) at every sample, so that a GPU
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
        Process process;
        try {
            process = new ProcessBuilder(program, "--query-gpu=" + NvidiaSmiOutput.QUERY, "--format=csv,noheader,nounits")
                    .redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        } catch (IOException e) {
            once("no NVIDIA GPUs: '{}' cannot be run ({})", e.getMessage());
            return List.of();
        }
        try (InputStream out = process.getInputStream()) {
            String text = new String(out.readNBytes(MAX_OUTPUT_BYTES), StandardCharsets.UTF_8);
            if (!process.waitFor(DEADLINE.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                once("no NVIDIA GPUs this time: '{}' did not finish within {}", DEADLINE.toString());
                return List.of();
            }
            if (process.exitValue() != 0) {
                once("no NVIDIA GPUs this time: '{}' failed: {}", text.strip());
                return List.of();
            }
            return NvidiaSmiOutput.parse(text);
        } catch (IOException e) {
            process.destroyForcibly();
            once("no NVIDIA GPUs this time: reading '{}' failed ({})", e.getMessage());
            return List.of();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            return List.of();
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
