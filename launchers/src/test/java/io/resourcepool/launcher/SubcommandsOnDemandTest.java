package io.resourcepool.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.resourcepool.launcher.client.RunCommand;
import io.resourcepool.launcher.client.StatusCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/**
 * The {@code pool} command builds only the subcommand a command line names, and still helps as before: the full
 * list for {@code pool --help} and {@code pool help NAME}, a suggestion for a mistyped name.
 */
class SubcommandsOnDemandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void namedSubcommandIsTheOnlyOneBuilt() {
        assertThat(PoolCommand.subcommandsFor("status", "--hub", "h:1")).containsExactly(StatusCommand.class);
        assertThat(PoolCommand.subcommandsFor("run", "--", "status")).containsExactly(RunCommand.class);
        assertThat(PoolCommand.subcommandsFor("agent", "start")).containsExactly(io.resourcepool.launcher.agent.AgentCommand.class);
        assertThat(PoolCommand.subcommandsFor("help", "status")).hasSizeGreaterThan(10);
        assertThat(PoolCommand.subcommandsFor()).hasSizeGreaterThan(10);
        assertThat(PoolCommand.subcommandsFor("--version")).isEmpty();
    }

    @Test
    void versionNeedsNoSubcommand() {
        assertThat(pool("--version")).isZero();
        assertThat(out.toString()).startsWith("pool ");
    }

    @Test
    void topLevelHelpListsEverySubcommand() {
        assertThat(pool("--help")).isZero();
        assertThat(out.toString()).contains("hub", "worker", "login", "status", "run", "submit", "jobs", "logs", "admin", "demo", "bench");
    }

    @Test
    void helpCommandShowsTheNamedSubcommandsUsage() {
        assertThat(pool("help", "status")).isZero();
        assertThat(out.toString()).contains("Usage: pool status").contains("--hub");
    }

    @Test
    void subcommandHelpNamesItsParent() {
        assertThat(pool("run", "--help")).isZero();
        assertThat(out.toString()).contains("Usage: pool run");
    }

    @Test
    void mistypedSubcommandIsAUsageErrorWithASuggestion() {
        assertThat(pool("stauts")).isEqualTo(2);
        assertThat(err.toString()).contains("stauts").contains("status");
    }

    private int pool(String... args) {
        return PoolCommand.commandLine(new PrintWriter(out, true), new PrintWriter(err, true), args).execute(args);
    }
}
