package io.resourcepool.launcher;

import io.resourcepool.api.ConfigurationException;
import io.resourcepool.api.PoolException;
import io.resourcepool.launcher.agent.AgentCommand;
import io.resourcepool.launcher.bench.BenchCommand;
import io.resourcepool.launcher.client.AdminCommand;
import io.resourcepool.launcher.client.CancelCommand;
import io.resourcepool.launcher.client.JobCommand;
import io.resourcepool.launcher.client.JobsCommand;
import io.resourcepool.launcher.client.LoginCommand;
import io.resourcepool.launcher.client.LogsCommand;
import io.resourcepool.launcher.client.LogoutCommand;
import io.resourcepool.launcher.client.NodesCommand;
import io.resourcepool.launcher.client.OwnMfaCommand;
import io.resourcepool.launcher.client.PasswdCommand;
import io.resourcepool.launcher.client.RunCommand;
import io.resourcepool.launcher.client.StatusCommand;
import io.resourcepool.launcher.client.SubmitCommand;
import io.resourcepool.launcher.client.UsageCommand;
import io.resourcepool.launcher.demo.DemoCommand;
import io.resourcepool.launcher.hub.HubCommand;
import io.resourcepool.launcher.logging.LogBackend;
import io.resourcepool.launcher.worker.WorkerCommand;
import java.io.PrintWriter;
import java.util.List;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The {@code pool} command and its subcommands. */
@Command(name = "pool", mixinStandardHelpOptions = true, versionProvider = PoolCommand.Version.class,
        description = "ResourcePool: a secure compute pool. Run `pool demo` to see it work.")
public final class PoolCommand {
    private static final Set<String> SERVICES = Set.of("hub", "worker");
    private static final Set<String> VERSION_FLAGS = Set.of("-V", "--version");
    /** The subcommands, in the order help lists them. */
    private static final List<Class<?>> SUBCOMMANDS = List.of(HubCommand.class, WorkerCommand.class, LoginCommand.class, LogoutCommand.class,
            PasswdCommand.class, OwnMfaCommand.class, NodesCommand.class, StatusCommand.class, RunCommand.class, SubmitCommand.class, JobsCommand.class, JobCommand.class,
            LogsCommand.class, CancelCommand.class, UsageCommand.class, AgentCommand.class, AdminCommand.class, DemoCommand.class, BenchCommand.class, CompletionCommand.class,
            CommandLine.HelpCommand.class);

    private int verbosity;

    @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT,
            description = "log more: client commands log warnings only, -v adds info, -vv debug, -vvv trace; for hub and worker, one step each past log.level")
    void verbose(boolean[] given) {
        verbosity = given.length;
    }

    /**
     * How many times {@code -v} was given on the command line the command belongs to.
     *
     * @param spec any command's spec
     * @return 0 when none, or when the command does not belong to a {@code pool} command line
     */
    public static int verbosity(CommandSpec spec) {
        return spec.root().userObject() instanceof PoolCommand pool ? pool.verbosity : 0;
    }

    /**
     * Runs the command line and returns the exit code: 0 ok, 1 the request or remote command failed (or the
     * remote command's own code, for {@code run}), 2 usage.
     *
     * @param args the command line
     * @return the exit code
     */
    public static int execute(String... args) {
        return commandLine(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args).execute(args);
    }

    /**
     * The configured command line, writing to the given streams (tests read them).
     *
     * @param out standard output
     * @param err standard error
     * @param args the arguments, to choose the log level before any logger exists
     * @return the command line
     */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err, String... args) {
        if (System.getProperty(LogBackend.LEVEL_PROPERTY) == null) {
            boolean service = args.length > 0 && SERVICES.contains(args[0]);
            System.setProperty(LogBackend.LEVEL_PROPERTY, service ? "info" : "warn");
        }
        PoolCommand pool = new PoolCommand();
        CommandLine cli = new CommandLine(pool);
        for (Class<?> subcommand : subcommandsFor(args)) {
            cli.addSubcommand(subcommand);
        }
        cli.setExecutionStrategy(parsed -> {
            // the hub and the worker set their level from log.level themselves; a client's is raised here, before it runs.
            // Without -v Logback is not touched: a client command that logs nothing never loads it
            boolean service = parsed.hasSubcommand() && SERVICES.contains(parsed.subcommand().commandSpec().name());
            if (!service && pool.verbosity > 0) {
                LogBackend.louder(pool.verbosity);
            }
            StartupMarks.mark("parsed");
            return new CommandLine.RunLast().execute(parsed);
        });
        cli.setOut(out);
        cli.setErr(err);
        StartupMarks.mark("command line built");
        cli.setExecutionExceptionHandler((e, command, parsed) -> {
            if (e instanceof ConfigurationException) {
                command.getErr().println("pool: configuration error: " + e.getMessage());
                return CommandLine.ExitCode.USAGE;
            }
            if (e instanceof PoolException || e instanceof IllegalArgumentException) {
                command.getErr().println("pool: " + e.getMessage());
                return CommandLine.ExitCode.SOFTWARE;
            }
            throw e;
        });
        return cli;
    }

    /**
     * The subcommands to build for this command line: only the one it names, when it names one, else all of them
     * (for {@code pool --help}, {@code pool help ...}, a mistyped name, or no arguments). picocli reads every
     * registered command's annotations, options and mixins up front; doing that for one command instead of
     * seventeen (with their own subcommands) is a large share of a short command's start. {@code pool --version}
     * needs none. {@code pool completion} describes every command, so it gets them all; options before the name
     * ({@code -v}) are skipped.
     */
    static List<Class<?>> subcommandsFor(String... args) {
        if (args.length == 1 && VERSION_FLAGS.contains(args[0])) {
            return List.of();
        }
        String name = java.util.Arrays.stream(args).filter(a -> !a.startsWith("-")).findFirst().orElse("");
        for (Class<?> subcommand : SUBCOMMANDS) {
            Command command = subcommand.getAnnotation(Command.class);
            if (subcommand != CommandLine.HelpCommand.class && subcommand != CompletionCommand.class
                    && (command.name().equals(name) || List.of(command.aliases()).contains(name))) {
                return List.of(subcommand);
            }
        }
        return SUBCOMMANDS;
    }

    /** The version from the jar's manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = PoolCommand.class.getPackage().getImplementationVersion();
            return new String[] {"pool " + (v == null ? "development build" : v)};
        }
    }
}
