package io.resourcepool.launcher.escape;

import io.resourcepool.api.JobSpec;
import io.resourcepool.api.NodeId;
import io.resourcepool.api.NodeSelector;
import io.resourcepool.api.ResourceRequest;
import io.resourcepool.core.client.PoolClient;
import io.resourcepool.core.client.RunResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What an escape attempt aims at on one node: the tenant's session, the node, the worker's and the hub's data
 * directories, and another user's job running there (its work directory, main process and a value of its
 * environment), as the host sees them.
 *
 * @param tenant the attacking compute-user's session
 * @param node the node under attack
 * @param workerData the worker's data directory (its key is in {@code tls/})
 * @param hubData the hub's data directory (its CA key and database)
 * @param victim the other user's running job
 */
record EscapeTarget(PoolClient tenant, NodeId node, Path workerData, Path hubData, Victim victim) {
    /** How long one attempt may take before its job is timed out. */
    static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(30);
    private static final Pattern PEM = Pattern.compile("-----BEGIN ([A-Z ]+)-----[\\s\\S]*?-----END \\1-----");

    /**
     * The other user's job, as the host sees it.
     *
     * @param workDirectory its work directory
     * @param pid its main process on the host
     * @param secret a value of its environment, also written to {@code note} in its work directory
     */
    record Victim(Path workDirectory, long pid, String secret) {}

    /** Runs {@code script} with {@code sh -c} as the tenant on the node, and waits for its end. */
    RunResult shell(String script) {
        return run(JobSpec.of("sh", "-c", script));
    }

    /** Runs {@code command} as the tenant on the node, with its memory request, and waits for its end. */
    RunResult run(JobSpec spec) {
        return tenant.run(spec.withTarget(NodeSelector.named(node)).withTimeout(ATTEMPT_TIMEOUT));
    }

    /** The same, asking for {@code memoryBytes} of memory, which becomes the job's memory limit. */
    RunResult runWithMemory(long memoryBytes, List<String> command) {
        return run(JobSpec.of(command).withResources(new ResourceRequest(0, memoryBytes)));
    }

    /** A one-line account of a job's end, for the evidence column of a failure. */
    static String describe(RunResult result) {
        return result.state() + " exit " + result.exitCode().map(String::valueOf).orElse("-") + "; stdout: "
                + abbreviate(result.stdout().asUtf8()) + "; stderr: " + abbreviate(result.stderr().asUtf8());
    }

    private static String abbreviate(String text) {
        // a key that got out is evidence enough by its name: it is not printed again
        String flat = PEM.matcher(text).replaceAll("[$1 redacted]").strip().replace('\n', ' ');
        return flat.length() <= 300 ? flat : flat.substring(0, 300) + "…";
    }
}
