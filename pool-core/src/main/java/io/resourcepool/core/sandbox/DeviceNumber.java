package io.resourcepool.core.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A character device's number, as the kernel's device controls name it ({@code c MAJOR:MINOR}).
 *
 * @param major the driver's number
 * @param minor the device's number within its driver
 */
record DeviceNumber(int major, int minor) {
    private static final int CHARACTER_DEVICE = 0020000;
    private static final int FILE_TYPE = 0170000;

    /** Checks the numbers. */
    DeviceNumber {
        if (major < 0 || minor < 0) {
            throw new IllegalArgumentException("device numbers are not negative: " + major + ":" + minor);
        }
    }

    /**
     * The number of a character device node.
     *
     * @param node a path, followed if it is a link
     * @return its number; empty when it is not a character device or cannot be read
     */
    static Optional<DeviceNumber> ofCharacterDevice(Path node) {
        try {
            int mode = (Integer) Files.getAttribute(node, "unix:mode");
            if ((mode & FILE_TYPE) != CHARACTER_DEVICE) {
                return Optional.empty();
            }
            long rdev = (Long) Files.getAttribute(node, "unix:rdev");
            // glibc's gnu_dev_major and gnu_dev_minor
            int major = (int) (((rdev >>> 8) & 0xfff) | ((rdev >>> 32) & ~0xfffL));
            int minor = (int) ((rdev & 0xff) | ((rdev >>> 12) & ~0xffL));
            return Optional.of(new DeviceNumber(major, minor));
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | SecurityException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return major + ":" + minor;
    }
}
