package io.resourcepool.launcher.discovery;

import io.resourcepool.core.discovery.BrowseResult;
import io.resourcepool.core.discovery.DiscoveredHub;
import io.resourcepool.core.discovery.HubAdvert;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The hubs heard, one numbered line each, for a person to compare fingerprints. Everything printed came from the
 * network, so control characters are replaced: an announcement must not be able to move the terminal's cursor.
 */
public final class HubListing {
    private HubListing() {}

    /**
     * Prints the list.
     *
     * @param out where
     * @param heard what was heard
     * @param where how it was heard, e.g. {@code "in 3s on 192.0.2.4"}
     */
    public static void print(PrintWriter out, BrowseResult heard, String where) {
        out.println("hubs announcing " + HubAdvert.SERVICE_TYPE.replace(".local.", "") + " " + where + ": " + heard.hubs().size());
        List<DiscoveredHub> hubs = heard.hubs();
        for (int i = 0; i < hubs.size(); i++) {
            out.println("  [" + (i + 1) + "] " + line(hubs.get(i)));
        }
        heard.unreadable().forEach(line -> out.println("  ignored: " + printable(line)));
        out.flush();
    }

    /**
     * One hub: name, addresses, ports, protocol version and CA fingerprint.
     *
     * @param hub the hub
     * @return the line
     */
    static String line(DiscoveredHub hub) {
        HubAdvert advert = hub.advert();
        String name = hub.instance().equals(advert.name()) ? advert.name() : hub.instance() + " (" + advert.name() + ")";
        return printable(name) + "  " + hub.addresses().stream().map(InetAddress::getHostAddress).collect(Collectors.joining(","))
                + "  port " + advert.port() + advert.httpsApiPort().map(port -> "  https " + port).orElse("")
                + "  protocol " + advert.protocolVersion() + "  CA " + HubChoice.announced(hub);
    }

    /**
     * Text from the network, safe to print.
     *
     * @param text the text
     * @return the text with each control character replaced by {@code ?}
     */
    static String printable(String text) {
        return text.codePoints().map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    }
}
