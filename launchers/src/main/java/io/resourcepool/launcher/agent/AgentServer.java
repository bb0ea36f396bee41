package io.resourcepool.launcher.agent;

import io.resourcepool.launcher.PoolCommand;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;

/**
 * One user's agent: listens on the socket in its private directory, serves only peers of its own user (the kernel's
 * {@code SO_PEERCRED}, checked on every connection, besides the directory's mode 0700 and the socket's 0600), runs
 * each forwarded command line through the same {@link PoolCommand} as a process would, with the request's own
 * standard output and error, and answers its exit code. It holds no secret of its own: each command reads the saved
 * session file as it would in a process of its own, so the session token is in its memory only while a command uses
 * it. It stops after {@code idle} without a command, on a stop request, or when closed.
 */
public final class AgentServer implements AutoCloseable {
    private final Path socket;
    private final String owner;
    private final Duration idle;
    private final ServerSocketChannel server;
    private final ExecutorService requests = Executors.newCachedThreadPool(r -> Thread.ofPlatform().name("agent-request").daemon().unstarted(r));
    private final AtomicInteger active = new AtomicInteger();
    private final AtomicLong lastActive = new AtomicLong(System.nanoTime());
    private final CountDownLatch stopped = new CountDownLatch(1);

    private AgentServer(Path socket, String owner, Duration idle, ServerSocketChannel server) {
        this.socket = socket;
        this.owner = owner;
        this.idle = idle;
        this.server = server;
    }

    /**
     * Starts an agent in the directory, replacing a stale socket (one nothing answers on).
     *
     * @param directory the agent's directory, made private
     * @param idle how long it waits without a command before it stops
     * @return the running agent
     * @throws IOException when the directory is not the user's own, or an agent already answers there
     */
    public static AgentServer start(Path directory, Duration idle) throws IOException {
        AgentSocket.prepare(directory);
        Path socket = AgentSocket.in(directory);
        if (Files.exists(socket)) {
            if (answers(socket)) {
                throw new IOException("an agent already listens on " + socket);
            }
            Files.delete(socket);
        }
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX).bind(UnixDomainSocketAddress.of(socket));
        Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-------"));
        // the socket was made by this process, so its owner is the user the agent runs as: the one user it serves
        String owner = Files.getOwner(socket).getName();
        if (!Files.getOwner(directory).getName().equals(owner)) {
            server.close();
            Files.deleteIfExists(socket);
            throw new IOException(directory + " belongs to " + Files.getOwner(directory).getName() + ", not to " + owner
                    + ", who runs this agent: an agent listens only in a directory of its own user's");
        }
        AgentServer agent = new AgentServer(socket, owner, idle, server);
        Thread.ofPlatform().name("agent-accept").daemon().start(agent::accept);
        Thread.ofPlatform().name("agent-idle").daemon().start(agent::stopWhenIdle);
        return agent;
    }

    private static boolean answers(Path socket) {
        try (SocketChannel other = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            return true;
        } catch (IOException stale) {
            return false;
        }
    }

    /**
     * The socket it listens on.
     *
     * @return the socket's path
     */
    public Path socket() {
        return socket;
    }

    /**
     * How many connections it is serving now.
     *
     * @return the forwarded commands (and status or stop requests) in progress
     */
    public int running() {
        return active.get();
    }

    /**
     * Waits until the agent stops.
     *
     * @throws InterruptedException when interrupted first
     */
    public void awaitStop() throws InterruptedException {
        stopped.await();
    }

    /** Stops listening, removes the socket and cancels the commands still running. */
    @Override
    public void close() {
        if (stopped.getCount() == 0) {
            return;
        }
        try {
            server.close();
            Files.deleteIfExists(socket);
        } catch (IOException e) {
            // the socket file stays; the next agent finds it stale and replaces it
        }
        requests.shutdownNow();
        stopped.countDown();
    }

    private void accept() {
        while (server.isOpen()) {
            try {
                SocketChannel channel = server.accept();
                active.incrementAndGet();
                requests.execute(() -> serve(channel));
            } catch (IOException | java.util.concurrent.RejectedExecutionException e) {
                close();
            }
        }
    }

    private void stopWhenIdle() {
        long tick = Math.max(10, Math.min(idle.toMillis() / 4, 5_000));
        while (stopped.getCount() > 0) {
            try {
                Thread.sleep(tick);
            } catch (InterruptedException e) {
                return;
            }
            if (active.get() == 0 && System.nanoTime() - lastActive.get() > idle.toNanos()) {
                close();
            }
        }
    }

    private void serve(SocketChannel channel) {
        try (channel) {
            UnixDomainPrincipal peer = channel.getOption(ExtendedSocketOptions.SO_PEERCRED);
            if (!peer.user().getName().equals(owner)) {
                AgentFrames.writeRefusal(channel, "this agent serves " + owner + " only");
                return;
            }
            AgentFrames.Request request = AgentFrames.readRequest(channel);
            switch (request.kind()) {
                case AgentFrames.COMMAND -> AgentFrames.writeExit(channel, run(channel, request));
                case AgentFrames.STATUS -> {
                    byte[] pid = (ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.UTF_8);
                    AgentFrames.writeOutput(channel, AgentFrames.OUT, pid, 0, pid.length);
                    AgentFrames.writeExit(channel, 0);
                }
                case AgentFrames.STOP -> {
                    AgentFrames.writeExit(channel, 0);
                    close();
                }
                default -> AgentFrames.writeRefusal(channel, "unknown request " + request.kind());
            }
        } catch (IOException e) {
            // the client went away, or sent no request: nothing to answer
        } finally {
            lastActive.set(System.nanoTime());
            active.decrementAndGet();
        }
    }

    /** Runs one command line with the request's output, cancelling it when the client hangs up first. */
    private int run(SocketChannel channel, AgentFrames.Request request) {
        String[] args = ForwardedArguments.resolved(request.args(), Path.of(request.directory()));
        PrintWriter out = writer(channel, AgentFrames.OUT);
        PrintWriter err = writer(channel, AgentFrames.ERR);
        RequestCancellation cancellation = new RequestCancellation(Thread.currentThread());
        Thread.ofPlatform().name("agent-hangup").daemon().start(() -> cancelOnHangUp(channel, cancellation));
        try {
            return cancellation.run(() -> {
                try {
                    return PoolCommand.commandLine(out, err, args).execute(args);
                } catch (RuntimeException e) {
                    err.println("pool: " + e);
                    return 1;
                }
            });
        } finally {
            out.flush();
            err.flush();
        }
    }

    /**
     * The client sends nothing after its request: a read that ends means it closed the socket (Ctrl-C, or gone). When
     * the command ends first, the agent's closing of the socket ends the read (not an interrupt, which would close the
     * channel before the exit code is written).
     */
    private static void cancelOnHangUp(SocketChannel channel, RequestCancellation cancellation) {
        try {
            while (channel.read(ByteBuffer.allocate(64)) >= 0) {
                // a client that sends more is ignored
            }
            cancellation.cancel();
        } catch (IOException e) {
            // the agent closed the socket after the exit code (or the read was interrupted): the command ended
        }
    }

    private static PrintWriter writer(SocketChannel channel, byte type) {
        OutputStream frames = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                if (length > 0) {
                    AgentFrames.writeOutput(channel, type, bytes, offset, length);
                }
            }
        };
        return new PrintWriter(new OutputStreamWriter(frames, StandardCharsets.UTF_8), true);
    }
}
