package io.resourcepool.launcher;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code pool completion bash|zsh}: the shell completion script, made by picocli from the commands' own definitions. */
@Command(name = "completion", mixinStandardHelpOptions = true,
        description = {"Print a completion script for bash or zsh.",
                "bash: source <(pool completion bash), or save it in /etc/bash_completion.d/pool.",
                "zsh: autoload -U +X bashcompinit && bashcompinit, then source <(pool completion zsh)."})
final class CompletionCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SHELL", description = "bash or zsh (zsh reads the bash script through bashcompinit)")
    String shell;

    @Override
    public Integer call() {
        if (!shell.equals("bash") && !shell.equals("zsh")) {
            throw new IllegalArgumentException("pool completion writes scripts for bash and zsh, not '" + shell + "'");
        }
        CommandSpec root = spec.root();
        spec.commandLine().getOut().print(AutoComplete.bash(root.name(), root.commandLine()));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
