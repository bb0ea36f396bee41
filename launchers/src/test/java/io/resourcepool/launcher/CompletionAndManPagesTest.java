package io.resourcepool.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.codegen.docgen.manpage.ManPageGenerator;

/** Shell completion and man pages come from the same command definitions; {@code -v} reaches every command. */
class CompletionAndManPagesTest {
    @Test
    void bashAndZshCompletionNameEverySubcommand() {
        for (String shell : List.of("bash", "zsh")) {
            Run completion = run("completion", shell);
            assertThat(completion.code()).as(completion.err()).isZero();
            assertThat(completion.out()).contains("complete -F _complete_pool").contains("function _picocli_pool_admin_jointoken()");
            for (String command : List.of("hub", "worker", "login", "nodes", "status", "run", "jobs", "job", "admin", "completion")) {
                assertThat(completion.out()).contains(" " + command);
            }
            assertThat(completion.out()).contains("--output").contains("--verbose");
        }
        Run fish = run("completion", "fish");
        assertThat(fish.code()).isEqualTo(1);
        assertThat(fish.err()).contains("bash and zsh, not 'fish'");
    }

    @Test
    void manPageGenerationWritesAPageForEveryCommand(@TempDir Path dir) throws Exception {
        CommandLine pool = PoolCommand.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
        // as the build does it (exec-maven-plugin runs ManPages into target/man)
        int code = ManPageGenerator.generateManPage(dir.toFile(), null, new boolean[0], true, pool.getCommandSpec());
        assertThat(code).isZero();
        List<String> names = new ArrayList<>();
        collect(pool, names);
        assertThat(names).contains("pool", "pool-nodes", "pool-admin-user-list", "pool-completion", "pool-help");
        try (Stream<Path> pages = Files.list(dir)) {
            assertThat(pages.map(p -> p.getFileName().toString())).containsExactlyInAnyOrderElementsOf(names.stream().map(n -> n + ".adoc").toList());
        }
        assertThat(Files.readString(dir.resolve("pool-nodes.adoc"))).contains("--output").contains("List the pool's nodes.");
    }

    @Test
    void verboseOnAnyClientCommandRaisesTheLogLevelStepByStep() {
        Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
        Level before = root.getLevel();
        try {
            root.setLevel(Level.WARN);
            run("status", "-v", "--hub", "127.0.0.1:1", "--ca-fingerprint", "00");
            assertThat(root.getLevel()).isEqualTo(Level.INFO);
            root.setLevel(Level.WARN);
            run("admin", "user", "list", "-vv", "--hub", "127.0.0.1:1", "--ca-fingerprint", "00");
            assertThat(root.getLevel()).isEqualTo(Level.DEBUG);
            root.setLevel(Level.WARN);
            run("-v", "--verbose", "-v", "nodes", "--hub", "127.0.0.1:1", "--ca-fingerprint", "00");
            assertThat(root.getLevel()).isEqualTo(Level.TRACE);
        } finally {
            root.setLevel(before);
        }
    }

    private static void collect(CommandLine command, List<String> names) {
        if (command.getCommandSpec().usageMessage().hidden()) {
            return;
        }
        names.add(command.getCommandSpec().qualifiedName("-"));
        command.getSubcommands().values().stream().distinct()
                .forEach(sub -> collect(sub, names));
    }

    private record Run(int code, String out, String err) {}

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = PoolCommand.commandLine(new PrintWriter(out, true), new PrintWriter(err, true), args).execute(args);
        return new Run(code, out.toString(), err.toString());
    }
}
