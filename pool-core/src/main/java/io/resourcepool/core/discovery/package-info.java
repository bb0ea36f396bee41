/**
 * Discovery of hubs on the local network by DNS-SD ({@code _resourcepool._tcp}): what a hub announces and what a
 * browser hears, without a DNS-SD library.
 *
 * <ul>
 *   <li>{@link io.resourcepool.core.discovery.HubAdvert}: the announcement's TXT record (protocol version, ports, the
 *       CA's fingerprint, the hub's name), encoded and checked both ways. It holds nothing secret.</li>
 *   <li>{@link io.resourcepool.core.discovery.HubAnnouncer} and {@link io.resourcepool.core.discovery.HubBrowser}: the
 *       two sides, implemented where a DNS-SD library is on the class path (the {@code pool} command uses JmDNS), so an
 *       embedder that wants no announcement leaves them out.</li>
 * </ul>
 *
 * <p>An announcement is a hint, never a credential: anyone on the network can announce anything. A client uses a hub
 * it heard of only when the CA fingerprint its operator gave matches the announced one, and the TLS handshake then
 * pins that fingerprint as it always does.
 */
package io.resourcepool.core.discovery;
