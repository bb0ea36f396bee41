package io.resourcepool.core.sandbox.seccomp;

import com.sun.jna.Native;
import java.util.Optional;

/**
 * libseccomp and the C library, loaded once, on first use. A host without libseccomp, or where JNA cannot load
 * its native part, gets the reason instead: the worker then runs jobs without a filter and says so, it does not
 * fail to start.
 */
final class SeccompLibrary {
    static final String NOT_FOUND = "libseccomp not found (Debian: apt-get install libseccomp2)";
    /** The soname, not "seccomp": without the -dev package there is no {@code libseccomp.so} to find. */
    static final String SONAME = "libseccomp.so.2";

    private SeccompLibrary() {}

    /** The libraries, or why there are none; the holder idiom makes loading lazy and thread-safe. */
    private static final class Loaded {
        static final SeccompLibrary.Outcome OUTCOME = load(SONAME);
    }

    /** Either both libraries or the reason they could not be loaded. */
    record Outcome(Optional<LibSeccomp> seccomp, Optional<LibC> libc, String failure) {}

    /**
     * libseccomp, loaded on the first call.
     *
     * @return the library, or empty
     */
    static Optional<LibSeccomp> seccomp() {
        return Loaded.OUTCOME.seccomp();
    }

    /**
     * The C library, loaded with libseccomp.
     *
     * @return the library, or empty when libseccomp is not there
     */
    static Optional<LibC> libc() {
        return Loaded.OUTCOME.libc();
    }

    /**
     * Why the libraries are not there.
     *
     * @return the reason, or empty when they are
     */
    static Optional<String> unavailableReason() {
        return Loaded.OUTCOME.seccomp().isPresent() ? Optional.empty() : Optional.of(Loaded.OUTCOME.failure());
    }

    static Outcome load(String soname) {
        try {
            LibSeccomp seccomp = Native.load(soname, LibSeccomp.class);
            LibC libc = Native.load("c", LibC.class);
            return new Outcome(Optional.of(seccomp), Optional.of(libc), "");
        } catch (UnsatisfiedLinkError e) {
            return new Outcome(Optional.empty(), Optional.empty(), NOT_FOUND + ": " + e.getMessage().lines().findFirst().orElse(""));
        } catch (LinkageError | RuntimeException e) {
            return new Outcome(Optional.empty(), Optional.empty(), "libseccomp cannot be called through JNA: " + e);
        }
    }
}
