package io.resourcepool.core.sandbox.seccomp;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;

/**
 * The C library's {@code open} and {@code close}: libseccomp exports a program to a file descriptor, which Java
 * does not hand out.
 */
interface LibC extends Library {
    /**
     * {@code O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC}, the same on x86_64 and aarch64. With {@code O_EXCL} a
     * symbolic link planted at the path is refused, not followed.
     */
    int CREATE_NEW_FOR_WRITING = 01 | 0100 | 0200 | 02000000;

    int open(String path, int flags, int mode) throws LastErrorException;

    int close(int fd);
}
