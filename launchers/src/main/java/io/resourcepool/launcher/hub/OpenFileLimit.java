package io.resourcepool.launcher.hub;

import com.sun.management.UnixOperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * This process's limit on open files (RLIMIT_NOFILE), which bounds how many workers and clients a hub can hold: each
 * connection is one file descriptor. On Linux the JVM raises its soft limit to the hard limit as it starts, and the
 * {@code pool} script does the same in the shell before it; what is left below what a fleet needs can only be
 * raised by the operator, which {@link #shortfall} says how.
 *
 * @param soft the limit in force
 * @param hard the ceiling the soft limit can be raised to without privileges, or {@link #UNKNOWN}
 */
public record OpenFileLimit(long soft, long hard) {
    /** A hard limit that could not be read. */
    public static final long UNKNOWN = -1;
    /** The workers a hub is measured with ({@code pool bench fleet}) and should hold: the figure the start-up check uses. */
    public static final int FLEET = 10_000;
    /** Descriptors a hub holds besides its connections: its store, jars, logs, sockets it listens on, epoll. */
    public static final int RESERVE = 256;

    private static final Pattern LIMITS_LINE = Pattern.compile("^Max open files\\s+(\\S+)\\s+(\\S+)", Pattern.MULTILINE);

    /** Checks the figures. */
    public OpenFileLimit {
        if (soft < 0 || hard < UNKNOWN) {
            throw new IllegalArgumentException("open-file limits must not be negative, were " + soft + " and " + hard);
        }
    }

    /**
     * The limits of this process: from {@code /proc/self/limits} where there is one, else the soft limit the JVM
     * reports and the hard one unknown.
     *
     * @return the limits
     */
    public static OpenFileLimit current() {
        Path limits = Path.of("/proc/self/limits");
        try {
            if (Files.isReadable(limits)) {
                Optional<OpenFileLimit> read = parse(Files.readString(limits));
                if (read.isPresent()) {
                    return read.get();
                }
            }
        } catch (IOException e) {
            // fall back to what the JVM reports
        }
        if (ManagementFactory.getOperatingSystemMXBean() instanceof UnixOperatingSystemMXBean unix) {
            return new OpenFileLimit(unix.getMaxFileDescriptorCount(), UNKNOWN);
        }
        return new OpenFileLimit(Long.MAX_VALUE, UNKNOWN);
    }

    /**
     * Reads the "Max open files" line of a {@code /proc/PID/limits} text.
     *
     * @param procLimits the text
     * @return the limits, empty when the line is missing
     */
    static Optional<OpenFileLimit> parse(String procLimits) {
        Matcher m = LIMITS_LINE.matcher(procLimits);
        if (!m.find()) {
            return Optional.empty();
        }
        return Optional.of(new OpenFileLimit(value(m.group(1)), value(m.group(2))));
    }

    private static long value(String figure) {
        return figure.equals("unlimited") ? Long.MAX_VALUE : Long.parseLong(figure);
    }

    /**
     * The connections this limit leaves room for, after the {@link #RESERVE}.
     *
     * @return connections, 0 or more
     */
    public long connections() {
        return Math.max(0, soft - RESERVE);
    }

    /**
     * What to tell the operator when the limit leaves no room for as many connections as needed: the limit, and how
     * to raise it.
     *
     * @param needed connections needed at once (workers, plus clients)
     * @param who what holds them, for the message: "this hub", "the fleet bench's hub"
     * @param service whether it may run as a systemd service, whose unit sets the limit ({@code LimitNOFILE=})
     * @return the message, or empty when the limit is enough
     */
    public Optional<String> shortfall(long needed, String who, boolean service) {
        if (connections() >= needed) {
            return Optional.empty();
        }
        long wanted = needed + RESERVE;
        String raise = hard != UNKNOWN && hard >= wanted
                ? String.format(Locale.ROOT, "`ulimit -n %d` in the shell that starts it (the hard limit, %s, allows it)", wanted, figure(hard))
                : String.format(Locale.ROOT, "`ulimit -n %d` in the shell that starts it, after raising the hard limit%s as root"
                        + " (`nofile` in /etc/security/limits.conf, or `ulimit -Hn` in a root shell)", wanted,
                        hard == UNKNOWN ? "" : " (" + figure(hard) + ")");
        return Optional.of(String.format(Locale.ROOT,
                "open-file limit %s: %s can hold about %d connections of workers and clients, fewer than the %d needed; raise it to %d or more:"
                        + " %s%s", figure(soft), who, connections(), needed, wanted, raise,
                service ? ", or LimitNOFILE=" + Math.max(65_536, wanted) + " in its systemd unit" : ""));
    }

    /** "20000 (hard 20000)". */
    public String describe() {
        return figure(soft) + " (hard " + (hard == UNKNOWN ? "unknown" : figure(hard)) + ")";
    }

    private static String figure(long limit) {
        return limit == Long.MAX_VALUE ? "unlimited" : Long.toString(limit);
    }
}
