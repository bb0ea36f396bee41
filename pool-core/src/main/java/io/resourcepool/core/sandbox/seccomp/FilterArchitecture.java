package io.resourcepool.core.sandbox.seccomp;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The architectures a filter is made for: the JVM's own, and the other system-call entry points a kernel of
 * that architecture offers a process (32-bit {@code int 0x80} and x32 on x86_64, AArch32 on aarch64). The same
 * rules are written for each, as Docker's default profile does, rather than killing processes that use them:
 * 32-bit programs keep working and are held to the same denials, and a denied call cannot be reached by
 * switching entry point. Any entry point not in the filter (an architecture libseccomp could not add) meets
 * libseccomp's default for a foreign architecture, which kills the process.
 */
enum FilterArchitecture {
    /** x86_64 with the i386 and x32 entry points. */
    X86_64(List.of("amd64", "x86_64"), 0xC000003E, 0x40000003, 0x4000003E),
    /** aarch64 with the AArch32 entry point. */
    AARCH64(List.of("aarch64", "arm64"), 0xC00000B7, 0x40000028);

    private final List<String> javaNames;
    private final int nativeToken;
    private final int[] foreignTokens;

    FilterArchitecture(List<String> javaNames, int nativeToken, int... foreignTokens) {
        this.javaNames = javaNames;
        this.nativeToken = nativeToken;
        this.foreignTokens = foreignTokens;
    }

    /**
     * The architecture Java calls {@code osArch}.
     *
     * @param osArch a value of the {@code os.arch} property
     * @return the architecture, or empty when no filter is made for it
     */
    static Optional<FilterArchitecture> of(String osArch) {
        return Arrays.stream(values()).filter(architecture -> architecture.javaNames.contains(osArch)).findFirst();
    }

    /** @return libseccomp's {@code SCMP_ARCH_*} token of the native architecture */
    int nativeToken() {
        return nativeToken;
    }

    /** @return the tokens of the other entry points, added to the filter beside the native one */
    int[] foreignTokens() {
        return foreignTokens.clone();
    }
}
