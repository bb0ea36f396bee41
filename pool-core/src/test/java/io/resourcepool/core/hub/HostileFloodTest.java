package io.resourcepool.core.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.resourcepool.api.spi.transport.Frame;
import io.resourcepool.core.client.PoolClient;
import io.resourcepool.core.protocol.ControlMessage;
import io.resourcepool.core.protocol.MessageType;
import io.resourcepool.core.protocol.QueryMessage;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Many bad connections at once, over real sockets, do not keep a well-behaved client from being served. */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class HostileFloodTest {
    private static final int GARBAGE_CONNECTIONS = 200;
    private static final String DROPPED = "dropped";

    @TempDir
    Path dataDir;

    private TlsHubFixture fixture;

    @BeforeEach
    void startHub() {
        fixture = TlsHubFixture.start(dataDir);
    }

    @AfterEach
    void stopHub() throws Exception {
        fixture.close();
    }

    @Test
    void goodClientIsNeverRefusedWhileTwoHundredGarbageConnectionsArriveAtOnce() throws Exception {
        try (PoolClient good = fixture.admin(); ExecutorService peers = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<String>> garbage = new ArrayList<>();
            for (int i = 0; i < GARBAGE_CONNECTIONS; i++) {
                int kind = i % 4;
                garbage.add(peers.submit(() -> misbehave(kind)));
            }

            int rounds = 0;
            while (rounds < 3 || !garbage.stream().allMatch(Future::isDone)) {
                fixture.assertStillServes(good);
                rounds++;
            }

            assertThat(outcomes(garbage)).containsOnly(entry("BAD_MAGIC", 50L), entry("FRAME_TOO_LARGE", 50L),
                    entry("NOT_ALLOWED", 50L), entry(DROPPED, 50L));
            fixture.assertStillServes(good);
        }
    }

    /** One bad connection of four kinds; says how the hub answered, once it has hung up. */
    private String misbehave(int kind) throws IOException {
        if (kind == 0) {
            Socket plain = fixture.plainTcp();
            plain.getOutputStream().write("HELLO hub, no TLS here\r\n".getBytes(StandardCharsets.US_ASCII));
            return RawTlsClient.hungUp(plain) ? DROPPED : "left open";
        }
        try (RawTlsClient bad = fixture.raw()) {
            switch (kind) {
                case 1 -> bad.sendBytes(RawTlsClient.header(0x1BADB002, MessageType.HELLO.code(), 2));
                case 2 -> bad.sendBytes(RawTlsClient.header(Frame.MAGIC, MessageType.HELLO.code(), 0xFFFF_FFFFL));
                default -> bad.send(new QueryMessage.Nodes(1));
            }
            String code = bad.expect(ControlMessage.Error.class).code();
            return bad.closedByHub() ? code : code + " but left open";
        }
    }

    private static Map<String, Long> outcomes(List<Future<String>> garbage) throws Exception {
        List<String> results = new ArrayList<>();
        for (Future<String> outcome : garbage) {
            results.add(outcome.get(RawTlsClient.PATIENCE.toMillis(), TimeUnit.MILLISECONDS));
        }
        return results.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }
}
