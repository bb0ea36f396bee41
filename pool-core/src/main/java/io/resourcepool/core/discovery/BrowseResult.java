package io.resourcepool.core.discovery;

import java.util.List;

/**
 * What a {@link HubBrowser} heard.
 *
 * @param hubs the hubs whose announcements could be read
 * @param unreadable one line per announcement that could not be read: its instance name and why
 */
public record BrowseResult(List<DiscoveredHub> hubs, List<String> unreadable) {
    /** Copies the lists. */
    public BrowseResult {
        hubs = List.copyOf(hubs);
        unreadable = List.copyOf(unreadable);
    }
}
