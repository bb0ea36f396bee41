package io.resourcepool.core.sandbox.seccomp;

import com.sun.jna.Library;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;

/**
 * The few functions of libseccomp 2.5 ({@code libseccomp.so.2}) that build a filter and export it as a BPF
 * program; the filter is never loaded into this process. Obtained through {@link SeccompLibrary}.
 */
interface LibSeccomp extends Library {
    /** {@code SCMP_ACT_ALLOW}: the system call runs. */
    int ACT_ALLOW = 0x7fff0000;
    /** {@code __NR_SCMP_ERROR}: the name is not a system call libseccomp knows. */
    int UNKNOWN_SYSCALL = -1;
    /** {@code SCMP_CMP_MASKED_EQ}: {@code (argument & datumA) == datumB}. */
    int CMP_MASKED_EQ = 7;

    /**
     * {@code SCMP_ACT_ERRNO(errno)}: the system call fails with this error number, without running.
     *
     * @param errno the error number, such as 1 ({@code EPERM})
     * @return the action
     */
    static int actErrno(int errno) {
        return 0x00050000 | (errno & 0xffff);
    }

    Pointer seccomp_init(int defaultAction);

    void seccomp_release(Pointer context);

    int seccomp_arch_native();

    int seccomp_arch_add(Pointer context, int archToken);

    int seccomp_syscall_resolve_name(String name);

    int seccomp_rule_add_array(Pointer context, int action, int syscall, int argumentCount, ArgumentComparison[] comparisons);

    int seccomp_export_bpf(Pointer context, int fd);

    /** {@code struct scmp_arg_cmp}: one comparison of a system call's argument. */
    @Structure.FieldOrder({"arg", "op", "datumA", "datumB"})
    final class ArgumentComparison extends Structure {
        public int arg;
        public int op;
        public long datumA;
        public long datumB;

        /** For JNA, which makes the array's other elements. */
        public ArgumentComparison() {}

        /**
         * The bits of {@code mask} that are set in argument {@code argument}: all of them.
         *
         * @param argument the argument's index, from 0
         * @param mask the bits
         * @return the comparison, as the first element of a one-element array
         */
        static ArgumentComparison[] hasAllBits(int argument, long mask) {
            ArgumentComparison[] array = (ArgumentComparison[]) new ArgumentComparison().toArray(1);
            array[0].arg = argument;
            array[0].op = CMP_MASKED_EQ;
            array[0].datumA = mask;
            array[0].datumB = mask;
            return array;
        }
    }
}
