package io.resourcepool.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A network namespace of a test's own, holding only a loopback interface with multicast on and a multicast route
 * through it, so that multicast DNS between processes inside it reaches nobody else. The first process is started in a
 * new namespace ({@code unshare --net}); later ones join it ({@code nsenter --net=/proc/PID/ns/net}). Both need root
 * (CAP_SYS_ADMIN), which a container may withhold.
 */
final class LoopbackNamespace {
    /** Set to {@code required} to make a machine where namespaces cannot be made fail the test instead of skipping it. */
    static final String REQUIRED_VARIABLE = "POOL_TEST_NAMESPACES";
    private static final String SET_UP_LOOPBACK = "\"$IP\" link set lo up multicast on && \"$IP\" route add 224.0.0.0/4 dev lo && exec \"$0\" \"$@\"";

    private LoopbackNamespace() {}

    /**
     * Why a namespace cannot be made here, if it cannot: not root, no {@code unshare} or {@code ip}, or refused.
     *
     * @return the reason; empty when one can be made
     */
    static Optional<String> whyNot() throws IOException, InterruptedException {
        if (!"root".equals(System.getProperty("user.name"))) {
            return Optional.of("making a network namespace needs root, and this runs as " + System.getProperty("user.name"));
        }
        Optional<Path> ip = ip();
        if (ip.isEmpty()) {
            return Optional.of("the ip command (iproute2) is not in /usr/sbin, /sbin or /usr/bin");
        }
        List<String> probe = Stream.concat(creating().stream(), Stream.of("true")).toList();
        ProcessBuilder builder = new ProcessBuilder(probe).redirectErrorStream(true);
        builder.environment().put("IP", ip.get().toString());
        Process process = builder.start();
        String said = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return Optional.of("unshare --net did not end within 30 s");
        }
        return process.exitValue() == 0 ? Optional.empty()
                : Optional.of("unshare --net with a multicast loopback was refused (a container without CAP_SYS_ADMIN?): " + said);
    }

    /**
     * The command line that starts a JVM in a new namespace; its environment must hold {@code IP} ({@link #environment}).
     *
     * @return the prefix before {@code java}
     */
    static List<String> creating() {
        return List.of("unshare", "--net", "sh", "-c", SET_UP_LOOPBACK);
    }

    /**
     * The environment {@link #creating} needs.
     *
     * @return the variables
     */
    static java.util.Map<String, String> environment() {
        return java.util.Map.of("IP", ip().orElseThrow().toString());
    }

    /**
     * The command line that starts a JVM in the namespace of a running process.
     *
     * @param first a process started with {@link #creating}
     * @return the prefix before {@code java}
     */
    static List<String> joining(PoolProcess first) {
        return List.of("nsenter", "--net=/proc/" + first.pid() + "/ns/net");
    }

    private static Optional<Path> ip() {
        return Stream.of("/usr/sbin/ip", "/sbin/ip", "/usr/bin/ip").map(Path::of).filter(Files::isExecutable).findFirst();
    }
}
