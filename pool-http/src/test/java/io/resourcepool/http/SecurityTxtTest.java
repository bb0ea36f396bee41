package io.resourcepool.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.resourcepool.core.hub.HubObserver;
import io.resourcepool.http.server.SecurityTxt;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /.well-known/security.txt}, RFC 9116, over real HTTPS: served with the configured contact and expiry, or not at all. */
class SecurityTxtTest {
    @TempDir
    Path dir;

    @Test
    void theConfiguredContactAndExpiryAreServedAsPlainText() {
        SecurityTxt file = new SecurityTxt(List.of(SecurityTxt.contact("security@example.org"), SecurityTxt.contact("https://example.org/report")),
                Instant.parse("2027-06-30T00:00:00Z"), "https://example.org/disclosure");
        try (GatewayFixture pool = GatewayFixture.observed(dir, fixture -> HubObserver.NONE, gateway -> gateway.securityTxt(file))) {
            Reply reply = pool.get("/.well-known/security.txt", "");

            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.headers().firstValue("Content-Type")).contains("text/plain; charset=utf-8");
            assertThat(reply.body()).isEqualTo("""
                    Contact: mailto:security@example.org
                    Contact: https://example.org/report
                    Expires: 2027-06-30T00:00:00Z
                    Policy: https://example.org/disclosure
                    Preferred-Languages: en
                    """);
        }
    }

    @Test
    void withoutAContactThereIsNoFile() {
        try (GatewayFixture pool = GatewayFixture.start(dir)) {
            assertThat(pool.get("/.well-known/security.txt", "").status()).isEqualTo(404);
        }
    }
}
