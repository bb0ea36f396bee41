package io.resourcepool.core.sandbox;

import io.resourcepool.api.SandboxException;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running launch helper ({@code src/main/c/pool-launch.c}, {@link LaunchHelperProgram}): a small native process a
 * worker starts once and keeps, which forks each job's process and, in the child, enters the job's cgroups, under a
 * root worker drops every supplementary group, takes the job's gid and uid and sets no-new-privileges, and executes
 * the job's program. A job then costs one program start, its own (the JDK's start runs its {@code jspawnhelper}
 * first), and no thread of the worker ever runs under a job's uid (a job could signal such a thread, and so the
 * whole worker).
 *
 * <p>Requests are written under a lock, one whole request at a time; replies are read by one daemon thread, in
 * order, so a process is known before its end is. When the helper ends (killed, crashed), pending starts fail, the
 * processes it started are watched through {@code /proc} until they end (their exit value is then unknown, 255), and
 * {@link #alive()} turns false, so that the next start uses a new helper.
 */
final class LaunchHelper implements AutoCloseable {
    /** The exit value given to a process whose helper ended before it: its real one cannot be known. */
    static final int UNKNOWN_EXIT = 255;
    private static final Logger LOG = LoggerFactory.getLogger(LaunchHelper.class);
    private static final long READY_SECONDS = 10;

    private final Process helper;
    private final OutputStream requests;
    /** Held while one request is written whole; a lock, not a monitor, so that a virtual thread waiting keeps no carrier. */
    private final ReentrantLock writing = new ReentrantLock();
    private final Map<Long, CompletableFuture<LaunchedProcess>> pending = new ConcurrentHashMap<>();
    private final Map<Long, LaunchedProcess> running = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    /** Sends what the reader thread has to say ("close", "reap"): the reader itself must never block on a write. */
    private final ExecutorService replies;
    private final CompletableFuture<Void> ready = new CompletableFuture<>();
    private volatile boolean alive = true;

    private LaunchHelper(Process helper) {
        this.helper = helper;
        this.requests = helper.getOutputStream();
        this.replies = Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon().name("launch-helper-" + helper.pid() + "-requests").factory());
    }

    /**
     * Starts a helper and waits until it is ready.
     *
     * @param program the helper's executable
     * @return the running helper
     * @throws IOException when it cannot be started or does not say it is ready
     */
    static LaunchHelper start(Path program) throws IOException {
        Process process = new ProcessBuilder(program.toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        LaunchHelper helper = new LaunchHelper(process);
        Thread.ofPlatform().daemon().name("launch-helper-" + process.pid()).start(helper::readReplies);
        try {
            helper.ready.get(READY_SECONDS, TimeUnit.SECONDS);
            return helper;
        } catch (ExecutionException | TimeoutException e) {
            helper.close();
            throw new IOException("the launch helper " + program + " did not start: " + (e.getCause() == null ? e : e.getCause()).getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            helper.close();
            throw new IOException("interrupted while the launch helper started", e);
        }
    }

    /** Says whether the helper still runs, so that starts may go to it. */
    boolean alive() {
        return alive;
    }

    /**
     * Starts a job's process through the helper.
     *
     * @param builder the command line, environment, directory and standard input (a file) of the process
     * @param uid the job's uid, which is also its gid; empty to start it as the helper's own user, with its groups
     * @param cgroupFiles the {@code cgroup.procs} file of each cgroup the process enters before its program runs
     * @return the process, its program already running
     * @throws IOException when the helper is gone or the process cannot be started; the message says at which step
     */
    Process start(ProcessBuilder builder, OptionalInt uid, List<Path> cgroupFiles) throws IOException {
        File input = builder.redirectInput().file();
        if (input == null) {
            throw new IllegalArgumentException("a job's standard input is a file: " + builder.redirectInput());
        }
        long id = ids.incrementAndGet();
        CompletableFuture<LaunchedProcess> started = new CompletableFuture<>();
        pending.put(id, started);
        try {
            send(startRequest(id, builder, uid, input, cgroupFiles));
            if (!alive) {
                // the reader may have failed the pending starts before this one was added
                started.completeExceptionally(new IOException("the launch helper has ended"));
            }
            return started.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            // whoever completes it first: the reader then kills the process it would have handed over, or it is here
            if (!started.completeExceptionally(new IOException("interrupted"))) {
                started.join().abandon();
            }
            throw new SandboxException("interrupted while the launch helper started a process", e);
        } finally {
            pending.remove(id);
        }
    }

    private static List<String> startRequest(long id, ProcessBuilder builder, OptionalInt uid, File input, List<Path> cgroupFiles) {
        String user = uid.isPresent() ? Integer.toString(uid.getAsInt()) : "-";
        List<String> fields = new ArrayList<>(List.of("start", Long.toString(id), user, user, input.getPath(),
                builder.directory().getPath(), Integer.toString(cgroupFiles.size())));
        cgroupFiles.forEach(file -> fields.add(file.toString()));
        fields.add(Integer.toString(builder.command().size()));
        fields.addAll(builder.command());
        fields.add(Integer.toString(builder.environment().size()));
        builder.environment().forEach((name, value) -> fields.add(name + "=" + value));
        return fields;
    }

    private void send(List<String> fields) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (String field : fields) {
            if (field.indexOf('\0') >= 0) {
                throw new SandboxException("cannot start a process with a NUL character in its command line or environment");
            }
            body.writeBytes(field.getBytes(StandardCharsets.UTF_8));
            body.write(0);
        }
        int length = body.size();
        byte[] request = new byte[4 + length];
        // the helper reads its length in host byte order: little-endian on every architecture it is built for
        request[0] = (byte) length;
        request[1] = (byte) (length >>> 8);
        request[2] = (byte) (length >>> 16);
        request[3] = (byte) (length >>> 24);
        System.arraycopy(body.toByteArray(), 0, request, 4, length);
        writing.lock();
        try {
            requests.write(request);
            requests.flush();
        } finally {
            writing.unlock();
        }
    }

    private void readReplies() {
        try (BufferedReader replies = new BufferedReader(new InputStreamReader(helper.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = replies.readLine(); line != null; line = replies.readLine()) {
                handle(line);
            }
        } catch (IOException | RuntimeException e) {
            LOG.error("reading the launch helper (pid {}) failed: {}", helper.pid(), e.toString());
        } finally {
            // a helper no longer read from must not go on starting anything
            helper.destroyForcibly();
            ended();
        }
    }

    private void handle(String line) {
        String[] words = line.split(" ", 3);
        switch (words[0]) {
            case "R" -> ready.complete(null);
            case "S" -> started(words);
            case "F" -> {
                CompletableFuture<LaunchedProcess> start = pending.get(Long.parseLong(words[1]));
                if (start != null) {
                    start.completeExceptionally(new IOException("the launch helper could not start it at " + words[2]));
                }
            }
            case "X" -> {
                LaunchedProcess process = running.remove(Long.parseLong(words[1]));
                if (process != null) {
                    process.exited(LaunchedProcess.exitValue(Integer.parseInt(words[2])));
                }
                // a process whose start failed on this side (its output could not be opened) is reaped all the same
                later("reap", words[1]);
            }
            default -> LOG.warn("the launch helper said something unknown: {}", line);
        }
    }

    /** "S id pid stdout-fd stderr-fd": open its output through /proc before the next reply, which may be its end. */
    private void started(String[] words) {
        String[] rest = words[2].split(" ");
        long pid = Long.parseLong(rest[0]);
        // none when its caller has stopped waiting (interrupted): its process is then killed, as the caller releases its uid
        CompletableFuture<LaunchedProcess> start = pending.get(Long.parseLong(words[1]));
        Path fds = Path.of("/proc", Long.toString(helper.pid()), "fd");
        // the helper reaps it only when told to (after its end was heard), so its /proc entry is there even if it has exited
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        try (Closer opened = new Closer()) {
            InputStream stdout = opened.add(Files.newInputStream(fds.resolve(rest[1])));
            InputStream stderr = opened.add(Files.newInputStream(fds.resolve(rest[2])));
            LaunchedProcess process = new LaunchedProcess(handle.orElseThrow(() -> new IOException("process " + pid + " is not listed")), stdout,
                    stderr);
            running.put(pid, process);
            if (start != null && start.complete(process)) {
                opened.keep();
            } else {
                LOG.warn("the launch helper started process {} for a request nobody waits for; killing it", pid);
                running.remove(pid);
                handle.ifPresent(ProcessHandle::destroyForcibly);
            }
        } catch (IOException e) {
            handle.ifPresent(ProcessHandle::destroyForcibly);
            IOException failure = new IOException("the worker could not take over process " + pid + " from the launch helper: " + e.getMessage(), e);
            Optional.ofNullable(start).ifPresent(waiting -> waiting.completeExceptionally(failure));
        } finally {
            later("close", rest[1], rest[2]);
        }
    }

    /** Streams opened for a process, closed again unless the process was handed over. */
    private static final class Closer implements AutoCloseable {
        private final List<InputStream> streams = new ArrayList<>();
        private boolean kept;

        InputStream add(InputStream stream) {
            streams.add(stream);
            return stream;
        }

        void keep() {
            kept = true;
        }

        @Override
        public void close() {
            if (kept) {
                return;
            }
            for (InputStream stream : streams) {
                try {
                    stream.close();
                } catch (IOException e) {
                    LOG.debug("closing a process's output: {}", e.toString());
                }
            }
        }
    }

    /** Sends a request from another thread: the reader must never block on a write (the helper may be writing to it). */
    private void later(String... fields) {
        try {
            replies.execute(() -> {
                try {
                    send(List.of(fields));
                } catch (IOException e) {
                    LOG.debug("could not send the launch helper {}: {}", List.of(fields), e.toString());
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            LOG.debug("the launch helper has ended; {} not sent", List.of(fields));
        }
    }

    private void ended() {
        alive = false;
        ready.completeExceptionally(new IOException("the launch helper ended at once"));
        IOException gone = new IOException("the launch helper (pid " + helper.pid() + ") has ended");
        pending.values().forEach(start -> start.completeExceptionally(gone));
        running.values().forEach(process -> {
            LOG.error("the launch helper ended while job process {} ran: its end is watched through /proc, and its exit value will be"
                    + " unknown ({})", process.pid(), UNKNOWN_EXIT);
            process.toHandle().onExit().thenRun(() -> process.exited(UNKNOWN_EXIT));
        });
        running.clear();
        replies.shutdown();
    }

    /** Ends the helper: its standard input ends, and so does it. The processes it started go on. */
    @Override
    public void close() {
        try {
            requests.close();
        } catch (IOException e) {
            LOG.debug("closing the launch helper's input: {}", e.toString());
        }
        try {
            if (!helper.waitFor(READY_SECONDS, TimeUnit.SECONDS)) {
                helper.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            helper.destroyForcibly();
        }
    }

    /** The helper's own process, for tests. */
    ProcessHandle process() {
        return helper.toHandle();
    }
}
