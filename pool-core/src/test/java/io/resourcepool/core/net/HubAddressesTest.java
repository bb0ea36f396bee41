package io.resourcepool.core.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.resourcepool.api.ConfigurationException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HubAddressesTest {
    @Test
    void severalEntriesKeepTheirOrderAndTheirNamesUnresolved() {
        HubAddresses hubs = HubAddresses.parse("worker.hub", "hub-a.example.org:7443, 10.0.0.2:7444,[::1]:7445");

        assertThat(hubs.entries()).containsExactly(InetSocketAddress.createUnresolved("hub-a.example.org", 7443),
                InetSocketAddress.createUnresolved("10.0.0.2", 7444), InetSocketAddress.createUnresolved("::1", 7445));
        assertThat(hubs.entries()).allMatch(InetSocketAddress::isUnresolved);
        assertThat(hubs).hasToString("hub-a.example.org:7443,10.0.0.2:7444,[::1]:7445");
    }

    @Test
    void aBadEntryIsRefusedNamingTheKeyAndTheEntry() {
        for (String bad : new String[] {"hub-a:7443,hub-b", "hub-a:7443,", "hub-a:70000", ":7443", "[]:7443", "hub-a:port"}) {
            assertThatThrownBy(() -> HubAddresses.parse("client.hub", bad)).as(bad)
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("client.hub is '" + bad + "'")
                    .hasMessageContaining("entry '" + bad.substring(bad.indexOf(',') + 1).strip() + "'");
        }
    }

    @Test
    void eachNameResolvesAtConnectTimeToAllItsAddresses() throws UnknownHostException {
        List<String> asked = new ArrayList<>();
        HubAddresses hubs = HubAddresses.parse("worker.hub", "pool.example.org:7443,10.0.0.9:7450");
        HubAddresses.Resolver twoAddresses = host -> {
            asked.add(host);
            return host.equals("pool.example.org")
                    ? new InetAddress[] {InetAddress.getByAddress(host, new byte[] {10, 0, 0, 1}), InetAddress.getByAddress(host, new byte[] {10, 0, 0, 2})}
                    : InetAddress.getAllByName(host);
        };
        assertThat(asked).as("nothing is resolved when parsing").isEmpty();

        List<InetSocketAddress> candidates = hubs.candidates(twoAddresses);

        assertThat(candidates).extracting(a -> a.getAddress().getHostAddress() + ":" + a.getPort())
                .containsExactly("10.0.0.1:7443", "10.0.0.2:7443", "10.0.0.9:7450");
        assertThat(candidates.getFirst().getHostString()).as("the name stays for the TLS handshake").isEqualTo("pool.example.org");
        assertThat(asked).containsExactly("pool.example.org", "10.0.0.9");
    }

    @Test
    void aNameThatDoesNotResolveStaysAsACandidateThatWillFailInItsTurn() {
        HubAddresses hubs = HubAddresses.parse("worker.hub", "gone.example.org:7443,10.0.0.9:7450");

        List<InetSocketAddress> candidates = hubs.candidates(host -> {
            if (host.startsWith("gone")) {
                throw new UnknownHostException(host);
            }
            return InetAddress.getAllByName(host);
        });
        List<InetSocketAddress> whenNoneAnswer = hubs.candidates(host -> new InetAddress[0]);

        assertThat(candidates).hasSize(2);
        assertThat(candidates.getFirst().isUnresolved()).isTrue();
        assertThat(candidates.getLast().isUnresolved()).isFalse();
        assertThat(whenNoneAnswer).containsExactlyElementsOf(hubs.entries());
    }

    @Test
    void anEmptyListIsRefused() {
        assertThatThrownBy(() -> new HubAddresses(List.of())).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("entries");
    }
}
