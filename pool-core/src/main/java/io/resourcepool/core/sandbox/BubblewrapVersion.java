package io.resourcepool.core.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** What the installed bwrap can do, from its {@code --help}. */
final class BubblewrapVersion {
    private BubblewrapVersion() {}

    /**
     * Says whether bwrap lists an option in its help.
     *
     * @param bwrap the program
     * @param option for example {@code --disable-userns}
     * @return true when listed; false when not, or when bwrap cannot be asked
     */
    static boolean supports(Path bwrap, String option) {
        try {
            Process help = new ProcessBuilder(bwrap.toString(), "--help").redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            String text;
            try (InputStream out = help.getInputStream()) {
                text = new String(out.readNBytes(64 * 1024), StandardCharsets.UTF_8);
            }
            if (!help.waitFor(10, TimeUnit.SECONDS)) {
                help.destroyForcibly();
                return false;
            }
            return text.contains(option + " ");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
