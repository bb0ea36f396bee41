package io.resourcepool.api.spi.transport;

import java.nio.file.Path;
import java.time.Instant;

/**
 * A certificate chain and its private key kept in two files, read again whenever asked, so a server can pick up a
 * renewed certificate without restarting. The TLS transport module's {@code CertificateFiles} reads PEM files;
 * a server that only serves the key (the HTTPS gateway) depends on this interface, not on a transport.
 */
public interface KeyMaterialFiles {

    /**
     * The chain's file, leaf first.
     *
     * @return its path
     */
    Path certificateChain();

    /**
     * The private key's file; read, never printed.
     *
     * @return its path
     */
    Path privateKey();

    /**
     * Reads and checks the pair.
     *
     * @param now the instant the certificate must be valid at
     * @return the key and chain, as read
     * @throws io.resourcepool.api.ConfigurationException naming the file at fault when the pair cannot be read, does
     *     not belong together or is not valid at {@code now}
     */
    KeyMaterial read(Instant now);
}
