package io.resourcepool.launcher.agent;

import io.resourcepool.launcher.ConfigOptions;
import io.resourcepool.launcher.config.ConfigKey;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code pool agent}: this user's warm JVM for short commands, as ssh's ControlPersist is for ssh. Without a
 * subcommand it runs in the foreground; {@code start} runs it in the background, {@code stop} and {@code status}
 * talk to the running one.
 */
@Command(name = "agent", mixinStandardHelpOptions = true, subcommands = {AgentCommand.Start.class, AgentCommand.Stop.class, AgentCommand.Status.class},
        description = {"Keep a warm pool process for your short commands: status, nodes, jobs, job, run, submit, cancel and logs are then "
                + "sent to it over a private Unix socket, and answer in milliseconds instead of a second.",
                "Without a subcommand it runs in the foreground until it has been idle for client.agent-idle (default 10m). "
                        + "With client.agent=auto, the first short command starts it in the background."})
public final class AgentCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions config;

    @Option(names = "--dir", paramLabel = "DIR", hidden = true, description = "the agent's directory (default: $XDG_RUNTIME_DIR/resourcepool)")
    Path dir;

    @Spec
    CommandSpec spec;

    Path directory() {
        return dir != null ? dir : AgentSocket.directory();
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        Duration idle = config.settings().duration(ConfigKey.CLIENT_AGENT_IDLE);
        try (AgentServer agent = AgentServer.start(directory(), idle)) {
            spec.commandLine().getErr().println("pool agent: pid " + ProcessHandle.current().pid() + " listening on " + agent.socket()
                    + ", exits after " + idle.toString().substring(2).toLowerCase(java.util.Locale.ROOT) + " idle");
            agent.awaitStop();
        }
        return 0;
    }

    /**
     * Asks the running agent something.
     *
     * @param directory the agent's directory
     * @param kind {@link AgentFrames#STATUS} or {@link AgentFrames#STOP}
     * @return what it printed, or empty when no agent answers
     */
    static Optional<String> ask(Path directory, byte kind) {
        try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(AgentSocket.in(directory)))) {
            AgentFrames.writeRequest(channel, new AgentFrames.Request(kind, "/", List.of()));
            StringBuilder said = new StringBuilder();
            for (AgentFrames.Frame frame = AgentFrames.readFrame(channel); frame.type() != AgentFrames.EXIT; frame = AgentFrames.readFrame(channel)) {
                if (frame.type() == AgentFrames.REFUSED) {
                    return Optional.empty();
                }
                said.append(frame.text());
            }
            return Optional.of(said.toString().trim());
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** {@code pool agent start}. */
    @Command(name = "start", mixinStandardHelpOptions = true, description = "Start the agent in the background, unless it runs already.")
    static final class Start implements Callable<Integer> {
        private static final Duration PATIENCE = Duration.ofSeconds(30);

        @ParentCommand
        AgentCommand agent;

        @Override
        public Integer call() throws IOException, InterruptedException {
            PrintWriter out = agent.spec.commandLine().getOut();
            Path directory = agent.directory();
            Optional<String> running = ask(directory, AgentFrames.STATUS);
            if (running.isPresent()) {
                out.println("pool agent: already running, pid " + running.get());
                return 0;
            }
            List<String> options = new ArrayList<>();
            if (agent.config != null) {
                agent.config.overrides().forEach((k, v) -> options.addAll(List.of("--set", k + "=" + v)));
                agent.config.file().ifPresent(f -> options.addAll(List.of("--config", f.toAbsolutePath().toString())));
            }
            Process process = AgentStarter.startDetached(directory, options);
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            while (System.nanoTime() < deadline && process.isAlive()) {
                running = ask(directory, AgentFrames.STATUS);
                if (running.isPresent()) {
                    out.println("pool agent: started, pid " + running.get() + ", listening on " + AgentSocket.in(directory));
                    return 0;
                }
                Thread.sleep(50);
            }
            agent.spec.commandLine().getErr().println("pool agent: it did not start; its messages are in " + directory.resolve("agent.log"));
            return 1;
        }
    }

    /** {@code pool agent stop}. */
    @Command(name = "stop", mixinStandardHelpOptions = true, description = "Stop the running agent (commands it is running are cancelled).")
    static final class Stop implements Callable<Integer> {
        @ParentCommand
        AgentCommand agent;

        @Override
        public Integer call() {
            boolean stopped = ask(agent.directory(), AgentFrames.STOP).isPresent();
            agent.spec.commandLine().getOut().println(stopped ? "pool agent: stopped" : "pool agent: none was running");
            return 0;
        }
    }

    /** {@code pool agent status}. */
    @Command(name = "status", mixinStandardHelpOptions = true, description = "Say whether the agent runs (exit 0) or not (exit 1).")
    static final class Status implements Callable<Integer> {
        @ParentCommand
        AgentCommand agent;

        @Override
        public Integer call() {
            Optional<String> pid = ask(agent.directory(), AgentFrames.STATUS);
            agent.spec.commandLine().getOut().println(pid.map(p -> "pool agent: running, pid " + p + ", on " + AgentSocket.in(agent.directory()))
                    .orElse("pool agent: not running"));
            return pid.isPresent() ? 0 : 1;
        }
    }
}
