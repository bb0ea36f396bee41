package io.resourcepool.dist;

import java.time.Duration;
import java.util.regex.Pattern;

/**
 * What a starting hub prints that its workers and clients need: where it listens and its CA's fingerprint.
 *
 * @param address {@code host:port}
 * @param caFingerprint the SHA-256 fingerprint that workers and clients pin
 */
record HubBanner(String address, String caFingerprint) {
    private static final Pattern LISTENING = Pattern.compile("ResourcePool hub listening on (\\S+)");
    private static final Pattern FINGERPRINT = Pattern.compile("CA fingerprint \\(workers and clients pin it\\): (\\S+)");
    private static final Pattern GENERATED_PASSWORD = Pattern.compile("shown only this once:\\s*\\n\\s*\\n\\s+(\\S+)\\s*\\n");

    /**
     * Waits for a hub's banner.
     *
     * @param hub the hub's process
     * @param timeout how long its start may take
     * @return what it printed
     */
    static HubBanner awaitFrom(ReleaseProcess hub, Duration timeout) {
        String address = hub.awaitStdout(LISTENING, timeout).group(1);
        return new HubBanner(address, hub.awaitStdout(FINGERPRINT, timeout).group(1));
    }

    /**
     * Waits for the password a hub's first start generates for {@code admin} and prints once.
     *
     * @param hub the hub's process
     * @param timeout how long to wait
     * @return the password
     */
    static String awaitGeneratedAdminPassword(ReleaseProcess hub, Duration timeout) {
        return hub.awaitStdout(GENERATED_PASSWORD, timeout).group(1);
    }
}
