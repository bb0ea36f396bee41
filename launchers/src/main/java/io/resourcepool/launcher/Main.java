package io.resourcepool.launcher;

import io.resourcepool.launcher.agent.AgentForwarding;

/**
 * Entry point of the {@code pool} command. A short command goes to this user's {@code pool agent} when one runs
 * ({@link AgentForwarding}, before any picocli class loads); anything else runs here.
 */
public final class Main {
    private Main() {}

    /**
     * Runs the command and exits with its code: 0 ok, 1 failed, 2 usage.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        StartupMarks.mark("main");
        int forwarded = AgentForwarding.forward(args);
        if (forwarded != AgentForwarding.RUN_HERE) {
            System.exit(forwarded);
        }
        int code = PoolCommand.execute(args);
        StartupMarks.print(System.err);
        System.exit(code);
    }
}
