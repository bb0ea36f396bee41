package io.resourcepool.launcher.client;

import io.resourcepool.http.server.Json;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import java.util.function.Supplier;
import picocli.CommandLine.Option;

/**
 * {@code -o/--output text|json} of the commands that list or show something. JSON is one document per command (an
 * array for a list) in the HTTP API's shapes, written by its own mapper, so a script reads the same fields from
 * either; docs/CLI.md lists them.
 */
public final class OutputOptions {
    /** How a command prints what it found. */
    public enum Format {
        /** Aligned columns and labelled lines, for people. */
        text,
        /** One JSON document, for scripts. */
        json
    }

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text",
            description = "text (default) or json: one JSON document, the fields documented in docs/CLI.md")
    Format format = Format.text;

    /**
     * Prints the value as text or as JSON, as asked.
     *
     * @param out where to print
     * @param text prints the text form
     * @param json the value written as JSON (a view record, or a list of them), made only when JSON is asked for
     */
    public void print(PrintWriter out, Consumer<PrintWriter> text, Supplier<?> json) {
        if (format == Format.json) {
            // the mapper loads only here, so commands printing text start no faster or slower than before
            out.println(new String(Json.write(json.get()), StandardCharsets.UTF_8));
        } else {
            text.accept(out);
        }
        out.flush();
    }
}
