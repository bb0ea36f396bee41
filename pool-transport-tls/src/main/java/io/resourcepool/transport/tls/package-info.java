/**
 * The default transport: frames over TLS 1.3 on TCP, and the certificates it needs.
 *
 * <ul>
 *   <li>{@link io.resourcepool.transport.tls.TlsTransport}, configured by a
 *       {@link io.resourcepool.transport.tls.TlsTransportConfig} or made by the {@code tls}
 *       {@link io.resourcepool.transport.tls.TlsTransportProvider}: one virtual thread per connection,
 *       the JDK's TLS engine, TLS 1.3 only unless TLS 1.2 is allowed, hubs identified by a pinned CA.</li>
 *   <li>The frames go through {@link io.resourcepool.api.spi.transport.FrameReader} and
 *       {@link io.resourcepool.api.spi.transport.FrameWriter} of the transport SPI, which any byte-stream
 *       transport shares.</li>
 *   <li>{@link io.resourcepool.transport.tls.HubCertificateAuthority}: the hub's own CA (BouncyCastle,
 *       ECDSA P-256), its server certificate, and worker certificates whose subject the hub chooses;
 *       {@link io.resourcepool.transport.tls.WorkerIdentity}: a worker's key, request and certificate;
 *       {@link io.resourcepool.transport.tls.CertificateFiles}: an operator's certificate chain and key in PEM, as
 *       ACME clients write them, read and checked (the SPI's
 *       {@link io.resourcepool.api.spi.transport.KeyMaterialFiles}, which the HTTPS gateway takes).</li>
 * </ul>
 */
package io.resourcepool.transport.tls;
