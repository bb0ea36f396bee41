package io.resourcepool.launcher.client;

import io.resourcepool.api.spi.sandbox.OutputChannel;
import io.resourcepool.api.spi.sandbox.OutputSink;
import io.resourcepool.core.client.RunResult;
import picocli.CommandLine.Model.CommandSpec;

/** A job's output printed as it comes, and its end turned into the command's exit code: shared by run and logs. */
final class LiveOutput {
    private LiveOutput() {}

    /** Prints stdout chunks on the command's out and stderr chunks on its err, as UTF-8 text. */
    static OutputSink printedBy(CommandSpec spec) {
        Utf8Printer out = new Utf8Printer(spec.commandLine().getOut());
        Utf8Printer err = new Utf8Printer(spec.commandLine().getErr());
        return (channel, chunk) -> (channel == OutputChannel.STDOUT ? out : err).print(chunk);
    }

    /** Says on stderr why a job ended without an exit code (or with a reason), and returns the shell's exit code. */
    static int ended(CommandSpec spec, RunResult result) {
        if (!result.reason().isEmpty() || result.exitCode().isEmpty()) {
            spec.commandLine().getErr().println("pool: job " + result.job() + " ended " + result.state()
                    + (result.reason().isEmpty() ? "" : ": " + result.reason()));
        }
        return result.shellExitCode();
    }
}
