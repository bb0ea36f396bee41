package io.resourcepool.http;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SmokeTest {
    @TempDir
    Path dir;

    @Test
    void idle() throws Exception {
        try (GatewayFixture f = GatewayFixture.start(dir, UnaryOperator.identity(), s -> s.withIdleTimeout(Duration.ofSeconds(2)))) {
            f.startWorker("w1", Map.of("zone", "lab"));
            String token = f.adminToken();
            long t = System.nanoTime();
            Reply r = f.post("/v1/run", token, "{\"command\":[\"sleep\",\"5\"]}");
            String out = r + " after " + (System.nanoTime() - t) / 1e9 + "\n";
            Files.writeString(Path.of("/tmp/smoke.txt"), out);
        }
    }
}
