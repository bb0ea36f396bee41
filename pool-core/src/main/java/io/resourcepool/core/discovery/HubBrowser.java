package io.resourcepool.core.discovery;

import java.time.Duration;

/**
 * Listens on the local network for hubs' announcements. Implementations must return what they heard, including the
 * announcements they could not read (with why), and must not connect to any hub.
 */
@FunctionalInterface
public interface HubBrowser {
    /**
     * Listens for this long, then says what was heard.
     *
     * @param patience how long to listen
     * @return the hubs heard
     * @throws io.resourcepool.api.TransportException when the network cannot be listened on
     */
    BrowseResult browse(Duration patience);
}
