package io.resourcepool.launcher.client;

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
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return unit == 0 ? bytes + " B" : String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
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
