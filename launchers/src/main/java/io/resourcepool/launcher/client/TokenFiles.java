package io.resourcepool.launcher.client;

import io.resourcepool.api.ConfigurationException;
import io.resourcepool.api.Secret;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Writes a secret to a file only its owner can read. */
final class TokenFiles {
    private TokenFiles() {}

    static void write(Path file, Secret secret) {
        try {
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, secret.reveal() + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigurationException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
