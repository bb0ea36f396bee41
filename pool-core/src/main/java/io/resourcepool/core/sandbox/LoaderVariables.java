package io.resourcepool.core.sandbox;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The environment variables the glibc dynamic loader treats as unsafe for a set-user-ID program (its
 * {@code UNSECURE_ENVVARS}): {@code LD_PRELOAD} and every other {@code LD_*} name, and a few that make the C library
 * load or trust files they name.
 *
 * <p>A program started with them loads what they say before it does anything: {@code setpriv}, which a root worker
 * without a launch helper starts as root, and {@code bwrap}, which starts outside its container. So neither is ever started with them: the
 * job's other variables are their process environment, and these few are given on the command line of
 * {@code env}, run last, inside the container and after the user switch ({@link #split}). That command line is
 * readable in {@code /proc} for the instant before {@code env} starts the program: such variables are not for
 * secrets. Only the job's own values are split off: a value the worker sets itself (the process sandbox's
 * private {@code TMPDIR}) is not the job's input and may be the launching programs' environment.
 */
final class LoaderVariables {
    private static final Set<String> UNSAFE = Set.of("GLIBC_TUNABLES", "GCONV_PATH", "GETCONF_DIR", "HOSTALIASES", "LOCALDOMAIN",
            "LOCPATH", "MALLOC_ARENA_MAX", "MALLOC_ARENA_TEST", "MALLOC_PERTURB_", "MALLOC_TRACE", "MALLOC_TOP_PAD_",
            "MALLOC_MMAP_THRESHOLD_", "MALLOC_MMAP_MAX_", "MALLOC_CHECK_", "NIS_PATH", "NLSPATH", "RESOLV_HOST_CONF",
            "RES_OPTIONS", "TMPDIR", "TZDIR");

    private LoaderVariables() {}

    /**
     * An environment split in two.
     *
     * @param safe what the launching programs may get as their environment
     * @param unsafe what only the job's program may get, through {@code env}, sorted by name
     */
    record Split(Map<String, String> safe, Map<String, String> unsafe) {}

    /**
     * Says whether the loader treats a variable as unsafe.
     *
     * @param name the variable's name
     * @return true for every {@code LD_*} name and the listed others
     */
    static boolean unsafe(String name) {
        return name.startsWith("LD_") || UNSAFE.contains(name);
    }

    /**
     * Splits a job's environment.
     *
     * @param environment the job's environment
     * @return the safe and the unsafe variables
     */
    static Split split(Map<String, String> environment) {
        Map<String, String> safe = new TreeMap<>();
        Map<String, String> unsafe = new TreeMap<>();
        environment.forEach((name, value) -> (unsafe(name) ? unsafe : safe).put(name, value));
        return new Split(Map.copyOf(safe), java.util.Collections.unmodifiableMap(unsafe));
    }
}
