package io.resourcepool.api.spi.transport;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The key every per-source limit counts under: an IPv4 address whole, an IPv6 address by its {@code /64}
 * prefix, and an IPv4-mapped IPv6 address as the IPv4 address it carries.
 *
 * <p>Why the {@code /64}: one IPv6 host is usually given a whole {@code /64} and may pick any address in it at
 * will, so counting full IPv6 addresses would give it some 2<sup>64</sup> fresh counts. A {@code /64} is what
 * one IPv4 address is for such limits: one subscriber.
 *
 * <p>The functions never look a name up in DNS: text that is not an IP literal is its own key, whole.
 */
public final class SourceAddress {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*(%[\\w.-]+)?");
    private static final Pattern PORT = Pattern.compile("\\d{1,5}");

    private SourceAddress() {}

    /**
     * The key of a connection's remote address as {@link Connection#remoteAddress()} gives it: {@code ip:port},
     * {@code [ipv6]:port}, or a bare IP.
     *
     * @param remoteAddress the address
     * @return for example {@code 192.0.2.7} or {@code 2001:db8:1:2::/64}; any other text whole
     */
    public static String keyOf(String remoteAddress) {
        Objects.requireNonNull(remoteAddress, "remoteAddress must be given");
        String host = withoutPort(remoteAddress);
        try {
            if (IPV4.matcher(host).matches()) {
                return keyOf(InetAddress.getByAddress(v4Bytes(host)));
            }
            if (IPV6.matcher(host).matches()) {
                // brackets make the JDK read the text as a literal only, never as a name to resolve
                return keyOf(InetAddress.getByName("[" + host + "]"));
            }
        } catch (UnknownHostException e) {
            return host;
        }
        return host.isEmpty() ? remoteAddress : host;
    }

    private static byte[] v4Bytes(String dotted) throws UnknownHostException {
        String[] parts = dotted.split("\\.");
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            int value = Integer.parseInt(parts[i]);
            if (value > 255) {
                throw new UnknownHostException(dotted + " is not an IPv4 address");
            }
            bytes[i] = (byte) value;
        }
        return bytes;
    }

    /**
     * The key of an IP address.
     *
     * @param address the address
     * @return its IPv4 text, or its {@code /64} prefix for IPv6
     */
    public static String keyOf(InetAddress address) {
        Objects.requireNonNull(address, "address must be given");
        if (address instanceof Inet6Address v6) {
            byte[] bytes = v6.getAddress();
            if (isMappedV4(bytes)) {
                return (bytes[12] & 0xff) + "." + (bytes[13] & 0xff) + "." + (bytes[14] & 0xff) + "." + (bytes[15] & 0xff);
            }
            Arrays.fill(bytes, 8, 16, (byte) 0);
            try {
                return compact(InetAddress.getByAddress(bytes).getHostAddress()) + "/64";
            } catch (UnknownHostException e) {
                throw new IllegalStateException("sixteen bytes are always an IPv6 address", e);
            }
        }
        return ((Inet4Address) address).getHostAddress();
    }

    private static String withoutPort(String text) {
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            return close > 0 ? text.substring(1, close) : text;
        }
        int colon = text.lastIndexOf(':');
        if (colon > 0 && text.indexOf(':') == colon && PORT.matcher(text.substring(colon + 1)).matches()) {
            return text.substring(0, colon);
        }
        return text;
    }

    private static boolean isMappedV4(byte[] bytes) {
        for (int i = 0; i < 10; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff;
    }

    /** The JDK writes every group ({@code 2001:db8:0:0:0:0:0:0}); the usual form folds the zeros after the prefix. */
    private static String compact(String full) {
        String[] groups = full.split(":");
        return groups[0] + ":" + groups[1] + ":" + groups[2] + ":" + groups[3] + "::";
    }
}
