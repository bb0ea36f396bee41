package io.resourcepool.launcher.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.resourcepool.api.AuthenticationException;
import io.resourcepool.api.spi.transport.CertificateFingerprint;
import io.resourcepool.core.discovery.BrowseResult;
import io.resourcepool.core.discovery.DiscoveredHub;
import io.resourcepool.core.discovery.HubAdvert;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which announced hub is used, and how the list reads, without a network. */
class HubChoiceTest {
    private static final String LAB_CA = "aa".repeat(32);
    private static final String OTHER_CA = "bb".repeat(32);

    @Test
    void theHubAnnouncingTheExpectedFingerprintIsChosenWhateverItsSpelling() throws Exception {
        DiscoveredHub lab = hub("lab", "192.0.2.10", LAB_CA, 7443);
        DiscoveredHub other = hub("other", "192.0.2.20", OTHER_CA, 7443);
        CertificateFingerprint expected = CertificateFingerprint.parse(LAB_CA.toUpperCase(java.util.Locale.ROOT).replaceAll("(..)(?!$)", "$1:"));
        assertThat(HubChoice.matching(List.of(other, lab), expected)).isEqualTo(lab);
    }

    @Test
    void aHubWithAnotherFingerprintIsRefusedNamingWhatEachAnnounced() throws Exception {
        DiscoveredHub impostor = hub("lab", "192.0.2.66", OTHER_CA, 7443);
        assertThatThrownBy(() -> HubChoice.matching(List.of(impostor), CertificateFingerprint.parse(LAB_CA)))
                .isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("refused: no hub heard on the network announces the CA fingerprint you gave (" + CertificateFingerprint.parse(LAB_CA) + ")")
                .hasMessageContaining("heard lab with " + CertificateFingerprint.parse(OTHER_CA))
                .hasMessageContaining("is never used");
    }

    @Test
    void hubsSharingTheCaAreOnePoolAndTheFirstByNameIsTaken() throws Exception {
        DiscoveredHub b = hub("hub-b", "192.0.2.2", LAB_CA, 7443);
        DiscoveredHub a = hub("hub-a", "192.0.2.1", LAB_CA, 7444);
        assertThat(HubChoice.matching(List.of(b, a), CertificateFingerprint.parse(LAB_CA))).isEqualTo(a);
    }

    @Test
    void theListShowsAddressesPortsAndFingerprintsAndNeutralisesControlCharacters() throws Exception {
        DiscoveredHub lab = new DiscoveredHub("lab\u001b[2J", List.of(InetAddress.getByName("192.0.2.10")), new HubAdvert("lab", 1, 7443, 7080, LAB_CA));
        StringWriter text = new StringWriter();
        HubListing.print(new PrintWriter(text), new BrowseResult(List.of(lab), List.of("odd\u0007: no ca-sha256")), "in 3000 ms on 192.0.2.1");
        assertThat(text.toString()).contains("hubs announcing _resourcepool._tcp in 3000 ms on 192.0.2.1: 1")
                .contains("[1] lab?[2J (lab)  192.0.2.10  port 7443  https 7080  protocol 1  CA " + CertificateFingerprint.parse(LAB_CA))
                .contains("ignored: odd?: no ca-sha256")
                .doesNotContain("\u001b").doesNotContain("\u0007");
    }

    @Test
    void anIpv6EndpointIsWrittenInBrackets() throws Exception {
        assertThat(HubDiscovery.hostPort(new InetSocketAddress(InetAddress.getByName("fd00::7"), 7443))).isEqualTo("[fd00:0:0:0:0:0:0:7]:7443");
        assertThat(HubDiscovery.hostPort(new InetSocketAddress(InetAddress.getByName("192.0.2.7"), 7443))).isEqualTo("192.0.2.7:7443");
    }

    private static DiscoveredHub hub(String name, String address, String ca, int port) throws Exception {
        return new DiscoveredHub(name, List.of(InetAddress.getByName(address)), new HubAdvert(name, 1, port, 0, ca));
    }
}
