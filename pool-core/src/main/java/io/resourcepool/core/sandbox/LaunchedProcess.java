package io.resourcepool.core.sandbox;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A job's process that the {@link LaunchHelper} started: a child of the helper, not of the JVM, so its end is told by
 * the helper ({@link #exited}). It reads nothing from the worker (its standard input is a file), and its output is
 * read from the helper's pipes. Exit values are the JDK's: the exit code, or 128 plus the signal that killed it.
 */
final class LaunchedProcess extends Process {
    private final ProcessHandle handle;
    private final InputStream stdout;
    private final InputStream stderr;
    private final CompletableFuture<Integer> exit = new CompletableFuture<>();

    LaunchedProcess(ProcessHandle handle, InputStream stdout, InputStream stderr) {
        this.handle = handle;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /**
     * The process has ended.
     *
     * @param exitValue its exit code, or 128 plus the signal that killed it
     */
    void exited(int exitValue) {
        exit.complete(exitValue);
    }

    /** Its starter stopped waiting for it: kill it and close its output, which nobody will read. */
    void abandon() {
        destroyForcibly();
        for (InputStream stream : new InputStream[] {stdout, stderr}) {
            try {
                stream.close();
            } catch (java.io.IOException e) {
                // nothing was read from it, and nothing is lost
            }
        }
    }

    /**
     * The exit value of a {@code waitpid} status.
     *
     * @param status as {@code waitpid} gives it
     * @return the exit code, or 128 plus the signal
     */
    static int exitValue(int status) {
        int signal = status & 0x7f;
        return signal == 0 ? (status >> 8) & 0xff : 128 + signal;
    }

    @Override
    public OutputStream getOutputStream() {
        return OutputStream.nullOutputStream();
    }

    @Override
    public InputStream getInputStream() {
        return stdout;
    }

    @Override
    public InputStream getErrorStream() {
        return stderr;
    }

    @Override
    public int waitFor() throws InterruptedException {
        try {
            return exit.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    @Override
    public boolean waitFor(long timeout, TimeUnit unit) throws InterruptedException {
        try {
            exit.get(timeout, unit);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    @Override
    public int exitValue() {
        Integer value = exit.getNow(null);
        if (value == null) {
            throw new IllegalThreadStateException("process " + pid() + " has not exited");
        }
        return value;
    }

    @Override
    public boolean isAlive() {
        return !exit.isDone();
    }

    @Override
    public void destroy() {
        // the handle knows the process's start time, so a pid reused since is never signalled
        if (isAlive()) {
            handle.destroy();
        }
    }

    @Override
    public Process destroyForcibly() {
        if (isAlive()) {
            handle.destroyForcibly();
        }
        return this;
    }

    @Override
    public boolean supportsNormalTermination() {
        return true;
    }

    @Override
    public long pid() {
        return handle.pid();
    }

    @Override
    public ProcessHandle toHandle() {
        return handle;
    }

    @Override
    public CompletableFuture<Process> onExit() {
        // as the JDK's own processes do: what depends on the end runs on a pool thread, never on the helper's reader
        return exit.thenApplyAsync(value -> this);
    }

    @Override
    public String toString() {
        return "LaunchedProcess[pid=" + pid() + (isAlive() ? "" : ", exitValue=" + exitValue()) + "]";
    }
}
