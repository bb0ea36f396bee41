package io.resourcepool.core.discovery;

import io.resourcepool.api.ProtocolException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a hub announces about itself by DNS-SD, as the TXT record of its {@code _resourcepool._tcp} service. Everything
 * here is public: a client compares the fingerprint with the one its operator gave, and learns the ports.
 *
 * @param name the hub's name, 1 to 63 bytes of UTF-8 without control characters (a DNS label's limit)
 * @param protocolVersion the binary protocol version the hub speaks, 1 or more
 * @param port the binary protocol's TCP port, 1 to 65535
 * @param httpsPort the HTTPS API's TCP port, 1 to 65535, or 0 when the hub serves no HTTPS API
 * @param caFingerprint the SHA-256 fingerprint of the hub's CA certificate: 64 hex digits, bare or in colon-separated pairs
 */
public record HubAdvert(String name, int protocolVersion, int port, int httpsPort, String caFingerprint) {
    /** The DNS-SD service type hubs announce themselves under. */
    public static final String SERVICE_TYPE = "_resourcepool._tcp.local.";
    /** The TXT record's layout version (RFC 6763, section 6.7). */
    public static final String TXT_VERSION = "1";

    static final String KEY_TXT_VERSION = "txtvers";
    static final String KEY_PROTOCOL = "protovers";
    static final String KEY_PORT = "port";
    static final String KEY_HTTPS = "https";
    static final String KEY_CA = "ca-sha256";
    static final String KEY_NAME = "name";

    private static final int MAX_NAME_BYTES = 63;
    private static final Pattern FINGERPRINT = Pattern.compile("(?i)[0-9a-f]{64}|[0-9a-f]{2}(:[0-9a-f]{2}){31}");
    private static final Pattern NUMBER = Pattern.compile("[0-9]{1,5}");

    /** Checks every field. */
    public HubAdvert {
        checkName(name);
        Objects.requireNonNull(caFingerprint, "caFingerprint must be given");
        if (protocolVersion < 1) {
            throw new IllegalArgumentException("protocolVersion must be 1 or more, was " + protocolVersion);
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1 to 65535, was " + port);
        }
        if (httpsPort < 0 || httpsPort > 65535) {
            throw new IllegalArgumentException("httpsPort must be 1 to 65535, or 0 for none, was " + httpsPort);
        }
        if (!FINGERPRINT.matcher(caFingerprint).matches()) {
            throw new IllegalArgumentException("caFingerprint must be a SHA-256 fingerprint (64 hex digits), was '"
                    + (caFingerprint.length() > 100 ? caFingerprint.substring(0, 100) + "..." : caFingerprint) + "'");
        }
    }

    /**
     * Checks a hub's name as the constructor does, for a configuration read before the hub starts.
     *
     * @param name the name
     * @throws IllegalArgumentException when it is empty, over 63 bytes of UTF-8 or holds a control character
     */
    public static void checkName(String name) {
        Objects.requireNonNull(name, "name must be given");
        int nameBytes = name.getBytes(StandardCharsets.UTF_8).length;
        if (nameBytes == 0 || nameBytes > MAX_NAME_BYTES || name.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("name must be 1 to " + MAX_NAME_BYTES + " bytes of UTF-8 without control characters, was "
                    + nameBytes + " bytes");
        }
    }

    /**
     * The HTTPS API's port, when the hub serves one.
     *
     * @return the port
     */
    public Optional<Integer> httpsApiPort() {
        return httpsPort == 0 ? Optional.empty() : Optional.of(httpsPort);
    }

    /**
     * The TXT record: {@code txtvers}, {@code protovers}, {@code port}, {@code https} (only when served),
     * {@code ca-sha256} and {@code name}.
     *
     * @return key to value, in that order
     */
    public Map<String, String> toTxt() {
        Map<String, String> txt = new LinkedHashMap<>();
        txt.put(KEY_TXT_VERSION, TXT_VERSION);
        txt.put(KEY_PROTOCOL, Integer.toString(protocolVersion));
        txt.put(KEY_PORT, Integer.toString(port));
        httpsApiPort().ifPresent(https -> txt.put(KEY_HTTPS, Integer.toString(https)));
        txt.put(KEY_CA, caFingerprint);
        txt.put(KEY_NAME, name);
        return txt;
    }

    /**
     * Reads a TXT record heard on the network. Keys this version does not know are ignored, as DNS-SD asks (a later
     * hub may add some); a missing, malformed or out-of-range value is refused.
     *
     * @param txt key to value, as the DNS-SD library decoded the record
     * @return the announcement
     * @throws ProtocolException naming the key at fault
     */
    public static HubAdvert fromTxt(Map<String, String> txt) {
        Objects.requireNonNull(txt, "txt must be given");
        String version = required(txt, KEY_TXT_VERSION);
        if (!TXT_VERSION.equals(version)) {
            throw new ProtocolException("the announcement's TXT record is of version " + abbreviate(version) + "; this client reads version "
                    + TXT_VERSION + " (update it)");
        }
        try {
            return new HubAdvert(required(txt, KEY_NAME), number(txt, KEY_PROTOCOL), number(txt, KEY_PORT),
                    txt.containsKey(KEY_HTTPS) ? number(txt, KEY_HTTPS) : 0, required(txt, KEY_CA));
        } catch (IllegalArgumentException e) {
            throw new ProtocolException("the announcement's TXT record is not valid: " + e.getMessage(), e);
        }
    }

    private static String required(Map<String, String> txt, String key) {
        String value = txt.get(key);
        if (value == null || value.isEmpty()) {
            throw new ProtocolException("the announcement's TXT record has no " + key);
        }
        return value;
    }

    private static int number(Map<String, String> txt, String key) {
        String value = required(txt, key);
        if (!NUMBER.matcher(value).matches()) {
            throw new ProtocolException("the announcement's TXT record has " + key + "=" + abbreviate(value) + ", not a number of 1 to 5 digits");
        }
        return Integer.parseInt(value);
    }

    private static String abbreviate(String value) {
        return value.length() > 40 ? "'" + value.substring(0, 40) + "...'" : "'" + value + "'";
    }
}
