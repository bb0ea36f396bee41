package io.resourcepool.transport.tls;

import io.resourcepool.api.spi.transport.KeyMaterial;
import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * Presents the one identity it holds whenever its key type fits, whatever CAs the peer says it trusts.
 * A worker thus always shows its certificate, and a peer that does not trust it refuses it openly instead
 * of the worker quietly connecting without one. An HTTPS agent's client presents its certificate the same way.
 */
public final class FixedKeyManager extends X509ExtendedKeyManager {
    private static final String ALIAS = "identity";

    private final KeyMaterial identity;
    private final X509Certificate[] chain;

    /**
     * A key manager for one identity.
     *
     * @param identity the key and certificate chain to present
     */
    public FixedKeyManager(KeyMaterial identity) {
        this.identity = identity;
        this.chain = identity.certificateChain().toArray(X509Certificate[]::new);
    }

    private String aliasFor(String... keyTypes) {
        String algorithm = identity.privateKey().getAlgorithm();
        return keyTypes != null && Arrays.asList(keyTypes).contains(algorithm) ? ALIAS : null;
    }

    @Override
    public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
        return aliasFor(keyTypes);
    }

    @Override
    public String chooseEngineClientAlias(String[] keyTypes, Principal[] issuers, SSLEngine engine) {
        return aliasFor(keyTypes);
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return aliasFor(keyType);
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        return aliasFor(keyType);
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return aliasFor(keyType) == null ? null : new String[] {ALIAS};
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return getClientAliases(keyType, issuers);
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        return ALIAS.equals(alias) ? chain.clone() : null;
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        return ALIAS.equals(alias) ? identity.privateKey() : null;
    }
}
