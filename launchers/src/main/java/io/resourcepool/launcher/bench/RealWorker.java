package io.resourcepool.launcher.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A real worker of a bench's pool, in a process of its own: the process sandbox, labelled {@code soak=real}
 * ({@link SoakJob#REAL_LABELS}), running its jobs as the soak's user, its log and data beside the others in the
 * bench's scratch directory.
 */
final class RealWorker {
    private static final Pattern REGISTERED = Pattern.compile("worker registered with hub \\S+ as node (\\S+)\\n");
    private static final Duration START = Duration.ofMinutes(3);

    private RealWorker() {}

    /**
     * Starts worker {@code index} and waits until it registered.
     *
     * @param dir the scratch directory
     * @param index its number: its name is {@code worker-<index>}
     * @param hubs the hub addresses it dials, {@code host:port[,host:port…]}
     * @param fingerprint the CA fingerprint it pins
     * @param token the file of its join token, or empty when it is enrolled already (a restart)
     * @return its process
     */
    static PoolJvm launch(Path dir, int index, String hubs, String fingerprint, Optional<Path> token) {
        List<String> args = new ArrayList<>(List.of("worker", "--hub", hubs, "--ca-fingerprint", fingerprint,
                "--data-dir", dir.resolve("worker-" + index).toString(), "--label", "soak=real", "--set", "worker.sandbox=process",
                "--set", "worker.owner=" + SoakClients.USER));
        token.ifPresent(t -> args.addAll(List.of("--join-token-file", t.toString())));
        Path log = dir.resolve("worker-" + index + ".log");
        int from = Files.exists(log) ? (int) log.toFile().length() : 0;
        PoolJvm worker = PoolJvm.start("worker-" + index, dir, "128m", Map.of(), args);
        worker.await(REGISTERED, from, START);
        return worker;
    }
}
