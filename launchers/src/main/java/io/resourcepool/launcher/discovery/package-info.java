/**
 * DNS-SD discovery of hubs for the {@code pool} command, with JmDNS: the hub's announcement
 * ({@code discovery.announce}) and the {@code --discover} option of {@code pool login} and {@code pool worker}.
 * A hub heard on the network is used only when its announced CA fingerprint is the one the operator gave (or the
 * person at the terminal confirmed it); the TLS handshake then pins that fingerprint as always.
 */
package io.resourcepool.launcher.discovery;
