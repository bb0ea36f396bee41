package io.resourcepool.launcher.client;

import io.resourcepool.api.ConfigurationException;
import io.resourcepool.api.Secret;
import java.io.Console;
import java.nio.file.Path;

/** A password for a client command: from an environment variable, a file, or the terminal, never the command line. */
final class PasswordInput {
    private PasswordInput() {}

    /**
     * Reads a password from the variable, else the file, else the terminal.
     *
     * @param flag the option's stem, such as {@code --current-password}, for messages
     * @param variable the environment variable's name, or null
     * @param file the file, or null
     * @param prompt what the terminal asks
     */
    static Secret read(String flag, String variable, Path file, String prompt) {
        if (variable != null) {
            return Secret.fromEnvironment(variable, System.getenv(), flag + "-env");
        }
        if (file != null) {
            return Secret.fromFile(file);
        }
        return Secret.of(new String(console(flag).readPassword(prompt)));
    }

    /** The terminal, or a refusal saying which options to use instead. */
    static Console console(String flag) {
        Console console = System.console();
        if (console == null) {
            throw new ConfigurationException("no terminal to ask for the password: use " + flag + "-env VAR or " + flag + "-file FILE");
        }
        return console;
    }
}
