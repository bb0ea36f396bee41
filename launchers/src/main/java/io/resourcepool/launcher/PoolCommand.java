package io.resourcepool.launcher;

import io.resourcepool.api.ConfigurationException;
import io.resourcepool.api.PoolException;
import io.resourcepool.launcher.bench.BenchCommand;
import io.resourcepool.launcher.client.AdminCommand;
import io.resourcepool.launcher.client.CancelCommand;
import io.resourcepool.launcher.client.JobCommand;
import io.resourcepool.launcher.client.JobsCommand;
import io.resourcepool.launcher.client.LoginCommand;
import io.resourcepool.launcher.client.LogsCommand;
import io.resourcepool.launcher.client.LogoutCommand;
import io.resourcepool.launcher.client.NodesCommand;
import io.resourcepool.launcher.client.PasswdCommand;
import io.resourcepool.launcher.client.RunCommand;
import io.resourcepool.launcher.client.StatusCommand;
import io.resourcepool.launcher.client.SubmitCommand;
import io.resourcepool.launcher.demo.DemoCommand;
import io.resourcepool.launcher.hub.HubCommand;
import io.resourcepool.launcher.logging.LogBackend;
import io.resourcepool.launcher.worker.WorkerCommand;
import java.io.PrintWriter;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The {@code pool} command and its subcommands. */
@Command(name = "pool", mixinStandardHelpOptions = true, versionProvider = PoolCommand.Version.class,
        description = "ResourcePool: a secure compute pool. Run `pool demo` to see it work.",
        subcommands = {HubCommand.class, WorkerCommand.class, LoginCommand.class, LogoutCommand.class, PasswdCommand.class, NodesCommand.class,
                StatusCommand.class, RunCommand.class, SubmitCommand.class, JobsCommand.class, JobCommand.class, LogsCommand.class, CancelCommand.class,
                AdminCommand.class, DemoCommand.class, BenchCommand.class,
                CompletionCommand.class, CommandLine.HelpCommand.class})
public final class PoolCommand {
    private static final Set<String> SERVICES = Set.of("hub", "worker");

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
        cli.setExecutionStrategy(parsed -> {
            // the hub and the worker set their level from log.level themselves; a client's is raised here, before it runs.
            // Without -v Logback is not touched: a client command that logs nothing never loads it
            boolean service = parsed.hasSubcommand() && SERVICES.contains(parsed.subcommand().commandSpec().name());
            if (!service && pool.verbosity > 0) {
                LogBackend.louder(pool.verbosity);
            }
            return new CommandLine.RunLast().execute(parsed);
        });
        cli.setOut(out);
        cli.setErr(err);
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

    /** The version from the jar's manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = PoolCommand.class.getPackage().getImplementationVersion();
            return new String[] {"pool " + (v == null ? "development build" : v)};
        }
    }
}
