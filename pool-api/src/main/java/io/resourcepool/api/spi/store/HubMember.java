package io.resourcepool.api.spi.store;

import io.resourcepool.api.HubId;
import java.time.Instant;
import java.util.Objects;

/**
 * A hub that announced itself to the others sharing the database.
 *
 * @param hub the hub
 * @param clientAddress where clients and workers reach it, for example {@code hub-2.example.org:7443}; at most
 *     {@value #MAX_ADDRESS_CHARS} characters
 * @param leaseUntil when it counts as gone unless it renews (database time)
 */
public record HubMember(HubId hub, String clientAddress, Instant leaseUntil) {
    /** The longest client address kept. */
    public static final int MAX_ADDRESS_CHARS = 255;

    /** Checks the fields. */
    public HubMember {
        Objects.requireNonNull(hub, "hub must be given");
        requireAddress(clientAddress);
        Objects.requireNonNull(leaseUntil, "leaseUntil must be given");
    }

    /**
     * Checks a client address as this record does, for methods that take one.
     *
     * @param clientAddress the address
     * @return it
     * @throws IllegalArgumentException when it is blank or too long
     */
    public static String requireAddress(String clientAddress) {
        Objects.requireNonNull(clientAddress, "clientAddress must be given");
        if (clientAddress.isBlank() || clientAddress.length() > MAX_ADDRESS_CHARS) {
            throw new IllegalArgumentException("clientAddress must be 1 to " + MAX_ADDRESS_CHARS + " characters, not blank; was "
                    + clientAddress.length() + " characters");
        }
        return clientAddress;
    }
}
