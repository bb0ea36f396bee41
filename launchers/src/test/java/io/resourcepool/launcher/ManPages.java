package io.resourcepool.launcher;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;
import picocli.codegen.docgen.manpage.ManPageGenerator;

/**
 * Writes the man pages (AsciiDoc, one per command and subcommand) at build time. The subcommands are added to
 * {@code pool} when its command line is made, not named in its annotation, so the generator is given the whole
 * command line rather than the class. Here, in test scope, with picocli-codegen, which the jar does not carry.
 */
public final class ManPages {
    private ManPages() {}

    /**
     * Writes the pages.
     *
     * @param args the output directory
     * @throws IOException when a page cannot be written
     */
    public static void main(String[] args) throws IOException {
        CommandLine pool = PoolCommand.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
        int code = ManPageGenerator.generateManPage(new File(args[0]), null, new boolean[0], true, pool.getCommandSpec());
        if (code != 0) {
            throw new IOException("the man page generator ended with " + code);
        }
    }
}
