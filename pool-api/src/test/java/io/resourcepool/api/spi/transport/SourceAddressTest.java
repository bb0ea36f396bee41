package io.resourcepool.api.spi.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class SourceAddressTest {

    @Test
    void ipv4IsItsOwnKeyWithOrWithoutPort() {
        assertThat(SourceAddress.keyOf("192.0.2.7:50123")).isEqualTo("192.0.2.7");
        assertThat(SourceAddress.keyOf("192.0.2.7")).isEqualTo("192.0.2.7");
    }

    @Test
    void ipv6GoesByItsSlash64() {
        assertThat(SourceAddress.keyOf("[2001:db8:1:2:aaaa:bbbb:cccc:dddd]:7443")).isEqualTo("2001:db8:1:2::/64");
        assertThat(SourceAddress.keyOf("[2001:db8:1:2::9]:7443")).isEqualTo("2001:db8:1:2::/64");
        assertThat(SourceAddress.keyOf("2001:db8:1:2::5")).isEqualTo("2001:db8:1:2::/64");
        assertThat(SourceAddress.keyOf("[2001:db8:1:3::5]:1")).isNotEqualTo(SourceAddress.keyOf("[2001:db8:1:2::5]:1"));
        assertThat(SourceAddress.keyOf("[::1]:50123")).isEqualTo("0:0:0:0::/64");
    }

    @Test
    void ipv4MappedIpv6CountsAsItsIpv4() {
        assertThat(SourceAddress.keyOf("[::ffff:192.0.2.7]:50123")).isEqualTo("192.0.2.7");
        assertThat(SourceAddress.keyOf("::ffff:c000:207")).isEqualTo("192.0.2.7");
    }

    @Test
    void inetAddressesGiveTheSameKeysAsTheirText() throws Exception {
        assertThat(SourceAddress.keyOf(InetAddress.getByName("192.0.2.7"))).isEqualTo("192.0.2.7");
        assertThat(SourceAddress.keyOf(InetAddress.getByName("2001:db8:1:2:3:4:5:6"))).isEqualTo("2001:db8:1:2::/64");
        assertThat(SourceAddress.keyOf(InetAddress.getByAddress(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -1, -1, (byte) 192, 0, 2, 7})))
                .isEqualTo("192.0.2.7");
    }

    @Test
    void textThatIsNoIpIsItsOwnKeyAndIsNeverLookedUp() {
        assertThat(SourceAddress.keyOf("in-process hub")).isEqualTo("in-process hub");
        assertThat(SourceAddress.keyOf("gateway.example:443")).isEqualTo("gateway.example");
        assertThat(SourceAddress.keyOf("999.1.1.1:80")).isEqualTo("999.1.1.1");
        assertThat(SourceAddress.keyOf("host:")).isEqualTo("host:");
    }
}
