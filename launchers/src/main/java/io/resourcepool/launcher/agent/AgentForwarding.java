package io.resourcepool.launcher.agent;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Reader;
import java.net.UnixDomainSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;

/**
 * The start of every {@code pool} command, before picocli loads: a short command is sent to this user's agent when
 * one listens, and its output and exit code are the agent's. A command that may need a secret, standard input or
 * a terminal, or asks for {@code -v}, runs here as ever, and so does any command when no agent answers or it
 * refuses. With {@code client.agent=auto} (from {@code --set} or the {@code -c} file) a command that finds no agent
 * starts one in the background and runs here; later ones use it. Ctrl-C ends this process, which closes the
 * socket; the agent then cancels the command as an in-process Ctrl-C would have. Only java.base classes, so that a
 * forwarded command costs little more than a JVM start.
 */
public final class AgentForwarding {
    /** What {@link #forward} returns when the command is to run in this process. */
    public static final int RUN_HERE = -1;

    private static final Set<String> SHORT_COMMANDS = Set.of("status", "nodes", "jobs", "job", "run", "submit", "cancel", "logs");
    private static final String AGENT_KEY = "client.agent";
    private static final String IDLE_KEY = "client.agent-idle";

    private AgentForwarding() {}

    /**
     * Sends the command to this user's agent, when it is one to send and an agent answers.
     *
     * @param args the command line
     * @return the agent's exit code for it, or {@link #RUN_HERE}
     */
    public static int forward(String[] args) {
        return forward(args, AgentSocket.directory(), System.out, System.err);
    }

    /**
     * As {@link #forward(String[])}, with the agent's directory and the streams given.
     *
     * @param args the command line
     * @param directory the agent's directory
     * @param out where the command's standard output goes
     * @param err where its standard error goes
     * @return the exit code, or {@link #RUN_HERE}
     */
    public static int forward(String[] args, Path directory, OutputStream out, OutputStream err) {
        if (!forwardable(args)) {
            return RUN_HERE;
        }
        SocketChannel channel;
        try {
            channel = SocketChannel.open(UnixDomainSocketAddress.of(AgentSocket.in(directory)));
        } catch (IOException | RuntimeException noAgent) {
            startWhenAuto(args, directory);
            return RUN_HERE;
        }
        try (channel) {
            AgentFrames.writeRequest(channel, new AgentFrames.Request(AgentFrames.COMMAND, Path.of("").toAbsolutePath().toString(), List.of(args)));
            return relay(channel, out, err);
        } catch (IOException e) {
            return RUN_HERE;
        }
    }

    /** Copies the agent's frames to the streams until its exit code; a refusal before any output runs the command here. */
    private static int relay(SocketChannel channel, OutputStream out, OutputStream err) throws IOException {
        boolean printed = false;
        try {
            while (true) {
                AgentFrames.Frame frame = AgentFrames.readFrame(channel);
                switch (frame.type()) {
                    case AgentFrames.OUT, AgentFrames.ERR -> {
                        OutputStream to = frame.type() == AgentFrames.OUT ? out : err;
                        to.write(frame.bytes());
                        to.flush();
                        printed = true;
                    }
                    case AgentFrames.EXIT -> {
                        return frame.exitCode();
                    }
                    default -> {
                        return RUN_HERE;
                    }
                }
            }
        } catch (IOException e) {
            if (!printed) {
                return RUN_HERE;
            }
            err.write(("pool: the agent stopped before the command ended: " + e.getMessage() + "\n").getBytes(StandardCharsets.UTF_8));
            err.flush();
            return 1;
        }
    }

    /**
     * Whether the agent may run this command line: one of the short commands that reach the hub with the saved
     * session, with no {@code -v} (a log level is the whole JVM's) and nothing that names a password, a token or an
     * environment variable to read one from. None of these commands reads standard input or a terminal.
     */
    static boolean forwardable(String[] args) {
        if (args.length == 0 || !SHORT_COMMANDS.contains(args[0])) {
            return false;
        }
        for (String arg : args) {
            if (arg.equals("--")) {
                return true;
            }
            if (arg.matches("-v+|--verbose") || arg.contains("password") || arg.contains("token") || arg.contains("-env")) {
                return false;
            }
        }
        return true;
    }

    /** With {@code client.agent=auto}, starts an agent in the background for the next command; this one runs here. */
    private static void startWhenAuto(String[] args, Path directory) {
        List<String> agentOptions = new ArrayList<>();
        String mode = "off";
        for (int i = 0; i < args.length && !args[i].equals("--"); i++) {
            String value = i + 1 < args.length ? args[i + 1] : "";
            if (args[i].equals("-c") || args[i].equals("--config")) {
                Path file = Path.of(value).toAbsolutePath();
                agentOptions.addAll(List.of("--config", file.toString()));
                String fromFile = fileSetting(file);
                mode = fromFile == null ? mode : fromFile;
            } else if (args[i].equals("--set") && value.startsWith(AGENT_KEY + "=")) {
                mode = value.substring(AGENT_KEY.length() + 1).trim();
            } else if (args[i].equals("--set") && value.startsWith(IDLE_KEY + "=")) {
                agentOptions.addAll(List.of("--set", value));
            }
        }
        if (mode.equals("auto")) {
            try {
                AgentStarter.startDetached(directory, agentOptions);
            } catch (IOException | RuntimeException e) {
                System.err.println("pool: could not start the agent (client.agent=auto): " + e.getMessage());
            }
        }
    }

    private static String fileSetting(Path file) {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (IOException e) {
            return null; // the command, run here, says what is wrong with the file
        }
        String value = p.getProperty(AGENT_KEY);
        return value == null ? null : value.trim();
    }
}
