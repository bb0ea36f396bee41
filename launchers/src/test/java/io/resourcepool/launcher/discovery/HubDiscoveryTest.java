package io.resourcepool.launcher.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.resourcepool.api.AuthenticationException;
import io.resourcepool.api.ConfigurationException;
import io.resourcepool.api.TransportException;
import io.resourcepool.api.spi.transport.CertificateFingerprint;
import io.resourcepool.core.discovery.BrowseResult;
import io.resourcepool.core.discovery.DiscoveredHub;
import io.resourcepool.core.discovery.HubAdvert;
import io.resourcepool.launcher.config.Settings;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** What {@code --discover} does with what it heard: the fingerprint given, a choice at the terminal, or nothing trusted. */
class HubDiscoveryTest {
    private static final CertificateFingerprint LAB_CA = CertificateFingerprint.parse("aa".repeat(32));
    private static final CertificateFingerprint OTHER_CA = CertificateFingerprint.parse("bb".repeat(32));
    private static final HubDiscovery DISCOVERY = new HubDiscovery(patience -> {
        throw new AssertionError("these tests hand the discovery what was heard");
    }, Duration.ofSeconds(3), "192.0.2.1");

    private final StringWriter printed = new StringWriter();
    private final PrintWriter out = new PrintWriter(printed);
    private final List<String> asked = new ArrayList<>();

    @Test
    void theHubAnnouncingTheGivenFingerprintIsUsedWithThatFingerprintPinned() throws Exception {
        HubDiscovery.Found found = DISCOVERY.choose(heard(hub("other", "192.0.2.20", OTHER_CA), hub("lab", "192.0.2.10", LAB_CA)),
                Optional.of(LAB_CA), out, Optional.of(answering("1")));
        assertThat(found).isEqualTo(new HubDiscovery.Found("192.0.2.10:7443", LAB_CA.toString()));
        assertThat(asked).as("nobody is asked when the operator gave the fingerprint").isEmpty();
        assertThat(printed.toString()).contains("[1] other", "[2] lab", "using lab: its announced CA fingerprint is the one you gave");
    }

    @Test
    void noneAnnouncingTheGivenFingerprintIsARefusal() throws Exception {
        assertThatThrownBy(() -> DISCOVERY.choose(heard(hub("lab", "192.0.2.10", OTHER_CA)), Optional.of(LAB_CA), out, Optional.empty()))
                .isInstanceOf(AuthenticationException.class).hasMessageStartingWith("refused: ");
    }

    @Test
    void withoutAFingerprintThePersonAtTheTerminalPicksOneAfterComparing() throws Exception {
        HubDiscovery.Found found = DISCOVERY.choose(heard(hub("lab", "192.0.2.10", LAB_CA), hub("other", "192.0.2.20", OTHER_CA)),
                Optional.empty(), out, Optional.of(answering(" 2 ")));
        assertThat(found).isEqualTo(new HubDiscovery.Found("192.0.2.20:7443", OTHER_CA.toString()));
        assertThat(asked).singleElement().asString().contains("Compare the CA fingerprints above");
    }

    @Test
    void withoutAFingerprintNothingIsTrustedUnlessAHubIsPicked() throws Exception {
        BrowseResult heard = heard(hub("lab", "192.0.2.10", LAB_CA));
        for (String answer : List.of("", "0", "2", "yes")) {
            assertThatThrownBy(() -> DISCOVERY.choose(heard, Optional.empty(), out, Optional.of(answering(answer))))
                    .as("answer '%s'", answer).isInstanceOf(ConfigurationException.class).hasMessageContaining("give --ca-fingerprint FP");
        }
        assertThatThrownBy(() -> DISCOVERY.choose(heard, Optional.empty(), out, Optional.empty()))
                .as("no terminal").isInstanceOf(ConfigurationException.class).hasMessageContaining("not trusted on its announcement's word");
        assertThat(printed.toString()).contains("CA " + LAB_CA);
    }

    @Test
    void hearingNoHubSaysWhatToCheck() {
        assertThatThrownBy(() -> DISCOVERY.choose(new BrowseResult(List.of(), List.of("odd: no ca-sha256")), Optional.of(LAB_CA), out, Optional.empty()))
                .isInstanceOf(TransportException.class)
                .hasMessageContaining("no hub announced itself within 3000 ms on 192.0.2.1")
                .hasMessageContaining("discovery.announce=true");
        assertThat(printed.toString()).contains("ignored: odd: no ca-sha256");
    }

    @Test
    void discoverAndHubTogetherAreAUsageError() {
        DiscoverOptions options = new DiscoverOptions();
        options.discover = true;
        Settings settings = Settings.load(Optional.empty(), Map.of(), Map.of());
        assertThatThrownBy(() -> options.find(settings, Optional.of("192.0.2.10:7443"), Optional.empty(), out))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("give --discover or --hub, not both");
        assertThat(new DiscoverOptions().find(settings, Optional.of("192.0.2.10:7443"), Optional.empty(), out)).isEmpty();
    }

    @Test
    void aDiscoveryAddressThisMachineLacksIsRefusedNamingTheKey() {
        Settings elsewhere = Settings.load(Optional.empty(), Map.of("discovery.address", "192.0.2.123"), Map.of());
        assertThatThrownBy(() -> DiscoveryAddress.forBrowsing(elsewhere)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("discovery.address is 192.0.2.123, which no network interface of this machine has");
        Settings loopback = Settings.load(Optional.empty(), Map.of("discovery.address", "127.0.0.1"), Map.of());
        assertThat(DiscoveryAddress.forBrowsing(loopback).isLoopbackAddress()).isTrue();
    }

    @Test
    void aHubAnnouncesWhereItListensWhenThatNamesAnAddress() throws Exception {
        Settings defaults = Settings.load(Optional.empty(), Map.of(), Map.of());
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        assertThat(DiscoveryAddress.forHub(defaults, new java.net.InetSocketAddress(loopback, 7443))).isEqualTo(loopback);
        assertThat(DiscoveryAddress.forHub(defaults, new java.net.InetSocketAddress(InetAddress.getByName("0.0.0.0"), 7443)).isAnyLocalAddress())
                .as("a hub on every address announces on one of them").isFalse();
    }

    private UnaryOperator<String> answering(String answer) {
        return prompt -> {
            asked.add(prompt);
            return answer;
        };
    }

    private static BrowseResult heard(DiscoveredHub... hubs) {
        return new BrowseResult(List.of(hubs), List.of());
    }

    private static DiscoveredHub hub(String name, String address, CertificateFingerprint ca) throws Exception {
        return new DiscoveredHub(name, List.of(InetAddress.getByName(address)), new HubAdvert(name, 1, 7443, 0, ca.toString()));
    }
}
