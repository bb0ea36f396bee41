package io.resourcepool.launcher.client;

import io.resourcepool.core.hub.DiskSpace;
import java.util.Locale;

/** Figures written for people. */
public final class Units {
    private Units() {}

    /**
     * Bytes in binary units, for example {@code 15.6 GiB}.
     *
     * @param bytes the count
     * @return the text
     */
    public static String bytes(long bytes) {
        return DiskSpace.bytes(bytes);
    }

    /**
     * A fraction as a percentage, for example {@code 37%}.
     *
     * @param fraction 0 to 1
     * @return the text
     */
    public static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.0f%%", fraction * 100);
    }
}
