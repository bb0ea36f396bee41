package io.resourcepool.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.resourcepool.testkit.time.ManualClock;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SyslogCopyTest {
    @Test
    void eachLineGoesToTheServerAsOneRfc5424MessageOfFacilityAuthpriv() throws Exception {
        ManualClock clock = ManualClock.start();
        try (DatagramSocket server = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            server.setSoTimeout(10_000);
            SyslogCopy copy = new SyslogCopy(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()), clock);

            copy.accept("checkpoint seq=3 hash=ab at=2030-01-01T00:00:00Z keyed-from=1 mac=cd");

            DatagramPacket packet = new DatagramPacket(new byte[2048], 2048);
            server.receive(packet);
            String message = new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8);
            assertThat(message).startsWith("<85>1 " + clock.instant() + " ")
                    .endsWith(" resourcepool - audit-anchor - checkpoint seq=3 hash=ab at=2030-01-01T00:00:00Z keyed-from=1 mac=cd");
        }
    }
}
