package io.resourcepool.launcher.escape;

import static io.resourcepool.api.spi.sandbox.IsolationFeature.DISK_LIMIT;
import static io.resourcepool.api.spi.sandbox.IsolationFeature.MEMORY_LIMIT;
import static io.resourcepool.api.spi.sandbox.IsolationFeature.NETWORK;
import static io.resourcepool.api.spi.sandbox.IsolationFeature.PROCESS_LIMIT;
import static io.resourcepool.api.spi.sandbox.IsolationFeature.PROCESS_NAMESPACE;
import static io.resourcepool.api.spi.sandbox.IsolationFeature.SEPARATE_IDENTITY;
import static io.resourcepool.api.spi.sandbox.IsolationFeature.WHOLE_TREE_KILL;

import io.resourcepool.core.client.RunResult;
import io.resourcepool.launcher.escape.EscapeAttempt.Outcome;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * What a hostile compute-user tries on a shared node, each attempt a job of theirs (a shell script, so that any
 * image with a POSIX shell will do) and a check, made on the host, of whether it got through.
 */
final class EscapeAttempts {
    /** How many processes the escape suite's workers allow a job. */
    static final int MAX_PROCESSES = 64;
    /** How much the memory bomb asks for, which becomes its limit. */
    static final long MEMORY_REQUEST = 64L << 20;
    private static final int FORKS = 300;
    private static final int FILL_MIB = 64;
    private static final String NOT_IN_SIGHT = "NOT-IN-SIGHT";
    private static final AtomicInteger DAEMONS = new AtomicInteger(3100);

    private EscapeAttempts() {}

    /** Every attempt, in the order of the table. */
    static List<EscapeAttempt> all() {
        return List.of(
                new EscapeAttempt("read the worker's private key", Set.of(SEPARATE_IDENTITY), EscapeAttempts::readWorkerKey),
                new EscapeAttempt("read the hub's data directory on the same host", Set.of(SEPARATE_IDENTITY), EscapeAttempts::readHubData),
                new EscapeAttempt("read another user's running job's files", Set.of(SEPARATE_IDENTITY), EscapeAttempts::readVictimFiles),
                new EscapeAttempt("write into another user's running job's files", Set.of(SEPARATE_IDENTITY), EscapeAttempts::writeVictimFiles),
                new EscapeAttempt("signal the worker", Set.of(SEPARATE_IDENTITY, PROCESS_NAMESPACE), EscapeAttempts::signalWorker),
                new EscapeAttempt("signal another user's job", Set.of(SEPARATE_IDENTITY, PROCESS_NAMESPACE), EscapeAttempts::signalVictim),
                new EscapeAttempt("ptrace another user's job", Set.of(SEPARATE_IDENTITY, PROCESS_NAMESPACE), EscapeAttempts::ptraceVictim),
                new EscapeAttempt("read /proc/PID/environ of the worker", Set.of(SEPARATE_IDENTITY, PROCESS_NAMESPACE), EscapeAttempts::workerEnviron),
                new EscapeAttempt("read /proc/PID/environ of another user's job", Set.of(SEPARATE_IDENTITY, PROCESS_NAMESPACE),
                        EscapeAttempts::victimEnviron),
                new EscapeAttempt("open a network connection it did not ask for", Set.of(NETWORK), EscapeAttempts::connectWithoutAsking),
                new EscapeAttempt("a fork bomb (" + FORKS + " processes, limit " + MAX_PROCESSES + ")", Set.of(PROCESS_LIMIT),
                        EscapeAttempts::forkBomb),
                new EscapeAttempt("a memory bomb (512 MiB, limit 64 MiB)", Set.of(MEMORY_LIMIT), EscapeAttempts::memoryBomb),
                new EscapeAttempt("fill the disk of the work directory (" + FILL_MIB + " MiB)", Set.of(DISK_LIMIT), EscapeAttempts::fillDisk),
                new EscapeAttempt("a setsid daemon outliving its job", Set.of(WHOLE_TREE_KILL), EscapeAttempts::daemonOutlivesJob));
    }

    private static Outcome readWorkerKey(EscapeTarget target) {
        RunResult result = target.shell("cat " + target.workerData().resolve("tls") + "/*key*");
        return Outcome.escapedIf(result.stdout().asUtf8().contains("PRIVATE KEY"), EscapeTarget.describe(result));
    }

    private static Outcome readHubData(EscapeTarget target) {
        RunResult result = target.shell("head -c 16 " + target.hubData().resolve("pool.db") + "; cat " + target.hubData().resolve("tls") + "/*");
        String out = result.stdout().asUtf8();
        return Outcome.escapedIf(out.contains("SQLite format") || out.contains("PRIVATE KEY"), EscapeTarget.describe(result));
    }

    private static Outcome readVictimFiles(EscapeTarget target) {
        RunResult result = target.shell("ls " + target.victim().workDirectory().getParent() + "; cat " + target.victim().workDirectory().resolve("note"));
        return Outcome.escapedIf(result.stdout().asUtf8().contains(target.victim().secret()), EscapeTarget.describe(result));
    }

    private static Outcome writeVictimFiles(EscapeTarget target) {
        RunResult result = target.shell("echo planted > " + target.victim().workDirectory().resolve("planted")
                + "; echo planted >> " + target.victim().workDirectory().resolve("note"));
        boolean planted = Files.exists(target.victim().workDirectory().resolve("planted"));
        return Outcome.escapedIf(planted, EscapeTarget.describe(result) + "; planted file on the host: " + planted);
    }

    private static Outcome signalWorker(EscapeTarget target) {
        return signal(target, ProcessHandle.current().pid());
    }

    private static Outcome signalVictim(EscapeTarget target) {
        return signal(target, target.victim().pid());
    }

    private static Outcome signal(EscapeTarget target, long pid) {
        RunResult result = target.shell(inSight(pid) + "kill -0 " + pid + " && echo SIGNALLED");
        return Outcome.escapedIf(result.stdout().asUtf8().contains("SIGNALLED"), EscapeTarget.describe(result));
    }

    private static Outcome ptraceVictim(EscapeTarget target) {
        long pid = target.victim().pid();
        // PTRACE_ATTACH (16) through the raw system call (101 on x86_64); a shell has no ptrace of its own
        RunResult result = target.shell(inSight(pid) + "command -v perl >/dev/null || { echo NO-PERL; exit 0; }; "
                + "perl -e 'exit(syscall(101, 16, " + pid + ", 0, 0) == 0 ? 0 : 1)' && echo ATTACHED");
        String out = result.stdout().asUtf8();
        if (out.contains("NO-PERL")) {
            return Outcome.notTried("no perl in the job's view to make the system call: " + EscapeTarget.describe(result));
        }
        return Outcome.escapedIf(out.contains("ATTACHED"), EscapeTarget.describe(result));
    }

    private static Outcome workerEnviron(EscapeTarget target) {
        long pid = ProcessHandle.current().pid();
        RunResult result = target.shell(inSight(pid) + "tr '\\0' '\\n' < /proc/" + pid + "/environ");
        return Outcome.escapedIf(result.stdout().asUtf8().contains("PATH="), EscapeTarget.describe(result));
    }

    private static Outcome victimEnviron(EscapeTarget target) {
        long pid = target.victim().pid();
        RunResult result = target.shell(inSight(pid) + "tr '\\0' '\\n' < /proc/" + pid + "/environ");
        return Outcome.escapedIf(result.stdout().asUtf8().contains(target.victim().secret()), EscapeTarget.describe(result));
    }

    private static Outcome connectWithoutAsking(EscapeTarget target) throws Exception {
        try (ServerSocketChannel server = ServerSocketChannel.open()) {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            int port = ((InetSocketAddress) server.getLocalAddress()).getPort();
            RunResult result = target.shell("if command -v bash >/dev/null; then bash -c 'echo hello > /dev/tcp/127.0.0.1/" + port
                    + "'; else echo hello | nc -w 2 127.0.0.1 " + port + "; fi");
            server.configureBlocking(false);
            try (SocketChannel accepted = server.accept()) {
                return Outcome.escapedIf(accepted != null, EscapeTarget.describe(result) + "; connection reached the host: " + (accepted != null));
            }
        }
    }

    private static Outcome forkBomb(EscapeTarget target) {
        // a non-interactive shell exits at its first failed fork, so the count is printed only if every fork worked
        RunResult result = target.shell("i=0; while [ $i -lt " + FORKS + " ]; do sleep 30 & i=$((i+1)); done; echo forked $i; kill $(jobs -p)");
        return Outcome.escapedIf(result.stdout().asUtf8().contains("forked " + FORKS), EscapeTarget.describe(result));
    }

    private static Outcome memoryBomb(EscapeTarget target) {
        RunResult result = target.runWithMemory(MEMORY_REQUEST, List.of("sh", "-c", "if command -v perl >/dev/null;"
                + " then perl -e '$x = \"a\" x (512*1024*1024); print \"allocated\\n\"';"
                + " else head -c 536870912 /dev/zero | busybox sort >/dev/null && echo allocated; fi"));
        return Outcome.escapedIf(result.stdout().asUtf8().contains("allocated"), EscapeTarget.describe(result));
    }

    private static Outcome fillDisk(EscapeTarget target) {
        long bytes = (long) FILL_MIB << 20;
        RunResult result = target.shell("dd if=/dev/zero of=fill bs=1048576 count=" + FILL_MIB + " 2>/dev/null; wc -c < fill; rm -f fill");
        return Outcome.escapedIf(result.stdout().asUtf8().strip().equals(Long.toString(bytes)), EscapeTarget.describe(result));
    }

    private static Outcome daemonOutlivesJob(EscapeTarget target) {
        String marker = Integer.toString(DAEMONS.incrementAndGet());
        RunResult result = target.shell("setsid sleep " + marker + " </dev/null >/dev/null 2>&1 & echo spawned");
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        Optional<ProcessHandle> daemon = VictimSearch.sleepingNow(marker);
        while (daemon.isPresent() && System.nanoTime() < deadline) {
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
            daemon = VictimSearch.sleepingNow(marker);
        }
        daemon.ifPresent(ProcessHandle::destroyForcibly);
        return Outcome.escapedIf(daemon.isPresent(), EscapeTarget.describe(result) + "; daemon alive 5 s after the job: " + daemon.isPresent());
    }

    /** A guard that ends the script, saying so, when the process is not even visible from inside the job. */
    private static String inSight(long pid) {
        return "[ -e /proc/" + pid + " ] || { echo " + NOT_IN_SIGHT + "; exit 0; }; ";
    }
}
