package io.resourcepool.core.discovery;

/**
 * Announces a hub on the local network. Implementations must announce only what the {@link HubAdvert} holds, and
 * must undo the announcement (a DNS-SD "goodbye") when it is closed.
 */
@FunctionalInterface
public interface HubAnnouncer {
    /** Announces nothing: for hubs that are not to be found. */
    HubAnnouncer NONE = advert -> () -> { };

    /**
     * Starts announcing.
     *
     * @param advert what to announce
     * @return the running announcement, which the caller closes
     * @throws io.resourcepool.api.TransportException when the network refuses it
     */
    Announcement announce(HubAdvert advert);

    /** A running announcement; closing it withdraws it. */
    interface Announcement extends AutoCloseable {
        @Override
        void close();
    }
}
