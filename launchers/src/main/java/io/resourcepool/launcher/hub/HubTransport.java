package io.resourcepool.launcher.hub;

import io.resourcepool.api.spi.ProviderConfig;
import io.resourcepool.api.spi.transport.Transport;
import io.resourcepool.api.spi.transport.TransportProvider;
import io.resourcepool.transport.tls.HubCertificateAuthority;
import io.resourcepool.transport.tls.TlsTransportConfig;
import io.resourcepool.transport.tls.TlsTransportProvider;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The transport the hub listens with, of the type {@code transport.type} names. The built-in {@code tls} type is
 * made from the hub's own CA, so that a replaced server certificate or a CA rotation is taken up by new handshakes
 * without a restart; any other type is made by its provider with {@code role=hub}.
 */
final class HubTransport {
    private HubTransport() {}

    /**
     * Makes the hub's transport.
     *
     * @param provider the provider {@code transport.type} named
     * @param dataDir the hub's data directory
     * @param ca the hub's CA, for the {@code tls} type
     * @param tuning the hub's limits on a TLS listener
     * @return the transport, which the caller closes
     */
    static Transport open(TransportProvider provider, Path dataDir, HubCertificateAuthority ca, UnaryOperator<TlsTransportConfig> tuning) {
        if (provider instanceof TlsTransportProvider) {
            return ca.reloadingTransport(tuning);
        }
        return provider.create(new ProviderConfig(provider.type(), "transport", dataDir, Map.of("role", "hub")));
    }
}
