package io.resourcepool.launcher.startup;

/** The program of {@link JvmOptionsScriptTest}'s jar: prints one line, so any word from the JVM shows. */
public final class ArchiveProbe {
    private ArchiveProbe() {}

    /**
     * Prints {@code probe}.
     *
     * @param args none
     */
    public static void main(String[] args) {
        System.out.println("probe");
    }
}
