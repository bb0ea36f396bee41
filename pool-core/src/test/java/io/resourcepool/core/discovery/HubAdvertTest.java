package io.resourcepool.core.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.resourcepool.api.ProtocolException;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HubAdvertTest {
    private static final String FINGERPRINT = "6a:75:b5:00:11:22:33:44:55:66:77:88:99:aa:bb:cc:dd:ee:ff:00:11:22:33:44:55:66:77:88:99:aa:bb:cc";
    private static final HubAdvert ADVERT = new HubAdvert("lab-hub", 1, 7443, 7080, FINGERPRINT);

    @Test
    void txtRecordHoldsTheVersionPortsFingerprintAndName() {
        assertThat(ADVERT.toTxt()).containsExactly(Map.entry("txtvers", "1"), Map.entry("protovers", "1"), Map.entry("port", "7443"),
                Map.entry("https", "7080"), Map.entry("ca-sha256", FINGERPRINT), Map.entry("name", "lab-hub"));
    }

    @Test
    void txtRecordReadsBackAsTheSameAdvert() {
        assertThat(HubAdvert.fromTxt(ADVERT.toTxt())).isEqualTo(ADVERT);
        HubAdvert withoutHttps = new HubAdvert("hub", 1, 7443, 0, FINGERPRINT.replace(":", ""));
        assertThat(withoutHttps.toTxt()).doesNotContainKey("https");
        assertThat(HubAdvert.fromTxt(withoutHttps.toTxt())).isEqualTo(withoutHttps);
        assertThat(withoutHttps.httpsApiPort()).isEmpty();
        assertThat(ADVERT.httpsApiPort()).contains(7080);
    }

    @Test
    void unknownKeysAreIgnoredAsDnsSdAsks() {
        Map<String, String> txt = new HashMap<>(ADVERT.toTxt());
        txt.put("future-key", "anything");
        assertThat(HubAdvert.fromTxt(txt)).isEqualTo(ADVERT);
    }

    @Test
    void missingOrMalformedValuesAreRefusedNamingTheKey() {
        assertThatThrownBy(() -> HubAdvert.fromTxt(without("ca-sha256"))).isInstanceOf(ProtocolException.class).hasMessageContaining("no ca-sha256");
        assertThatThrownBy(() -> HubAdvert.fromTxt(with("port", "74x3"))).isInstanceOf(ProtocolException.class)
                .hasMessageContaining("port='74x3', not a number");
        assertThatThrownBy(() -> HubAdvert.fromTxt(with("port", "70000"))).isInstanceOf(ProtocolException.class)
                .hasMessageContaining("port must be 1 to 65535, was 70000");
        assertThatThrownBy(() -> HubAdvert.fromTxt(with("ca-sha256", "not-a-fingerprint"))).isInstanceOf(ProtocolException.class)
                .hasMessageContaining("caFingerprint must be a SHA-256 fingerprint");
        assertThatThrownBy(() -> HubAdvert.fromTxt(with("txtvers", "2"))).isInstanceOf(ProtocolException.class)
                .hasMessageContaining("version '2'");
        assertThatThrownBy(() -> HubAdvert.fromTxt(with("name", "a\nb"))).isInstanceOf(ProtocolException.class)
                .hasMessageContaining("without control characters");
        assertThatThrownBy(() -> HubAdvert.fromTxt(with("name", "x".repeat(64)))).isInstanceOf(ProtocolException.class)
                .hasMessageContaining("1 to 63 bytes");
    }

    @Test
    void endpointPrefersAnIpv4AddressAndTheAnnouncedPort() throws Exception {
        InetAddress v6 = InetAddress.getByName("fd00::7");
        InetAddress v4 = InetAddress.getByName("192.0.2.7");
        DiscoveredHub hub = new DiscoveredHub("lab-hub", List.of(v6, v4), ADVERT);
        assertThat(hub.endpoint().getAddress()).isEqualTo(v4);
        assertThat(hub.endpoint().getPort()).isEqualTo(7443);
        assertThatThrownBy(() -> new DiscoveredHub("lab-hub", List.of(), ADVERT)).hasMessageContaining("at least one address");
    }

    private static Map<String, String> with(String key, String value) {
        Map<String, String> txt = new HashMap<>(ADVERT.toTxt());
        txt.put(key, value);
        return txt;
    }

    private static Map<String, String> without(String key) {
        Map<String, String> txt = new HashMap<>(ADVERT.toTxt());
        txt.remove(key);
        return txt;
    }
}
