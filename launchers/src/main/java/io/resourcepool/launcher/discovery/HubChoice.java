package io.resourcepool.launcher.discovery;

import io.resourcepool.api.AuthenticationException;
import io.resourcepool.api.spi.transport.CertificateFingerprint;
import io.resourcepool.core.discovery.DiscoveredHub;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Which hub heard on the network to use, given the CA fingerprint the operator expects: only one whose announced
 * fingerprint is that one. Several that match share the CA, so they are one pool (hubs on one database); the first by
 * name is taken. None that matches is a refusal: an announcement proves nothing, and a hub with another CA is not the
 * one the operator pinned, however it calls itself.
 */
public final class HubChoice {
    private HubChoice() {}

    /**
     * The hub to use.
     *
     * @param heard the hubs heard, at least one
     * @param expected the fingerprint the operator gave
     * @return the first, by name, of those that announce it
     * @throws AuthenticationException when none does, listing what each announced
     */
    public static DiscoveredHub matching(List<DiscoveredHub> heard, CertificateFingerprint expected) {
        return heard.stream().filter(hub -> announced(hub).equals(expected))
                .min(Comparator.comparing(DiscoveredHub::instance))
                .orElseThrow(() -> new AuthenticationException("refused: no hub heard on the network announces the CA fingerprint you gave ("
                        + expected + "); heard " + heard.stream().map(hub -> HubListing.printable(hub.instance()) + " with " + announced(hub))
                        .collect(Collectors.joining(", ")) + ". A hub announcing another CA is not the one you pinned and is never used:"
                        + " check the fingerprint its operator gave you (the hub prints it at start)"));
    }

    /**
     * The fingerprint a hub announced, in the form the hub prints.
     *
     * @param hub the hub
     * @return its announced CA fingerprint
     */
    static CertificateFingerprint announced(DiscoveredHub hub) {
        return CertificateFingerprint.parse(hub.advert().caFingerprint());
    }
}
