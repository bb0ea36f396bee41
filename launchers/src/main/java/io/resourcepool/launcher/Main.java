package io.resourcepool.launcher;

/** Entry point of the {@code pool} command. */
public final class Main {
    private Main() {}

    /**
     * Runs the command and exits with its code: 0 ok, 1 failed, 2 usage.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        StartupMarks.mark("main");
        int code = PoolCommand.execute(args);
        StartupMarks.print(System.err);
        System.exit(code);
    }
}
