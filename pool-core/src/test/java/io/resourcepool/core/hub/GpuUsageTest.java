package io.resourcepool.core.hub;

import static org.assertj.core.api.Assertions.assertThat;

import io.resourcepool.api.Role;
import io.resourcepool.api.Secret;
import io.resourcepool.core.auth.Session;
import io.resourcepool.core.protocol.QueryMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GpuUsageTest {
    private static final Map<String, Duration> BY_OWNER = Map.of("bob", Duration.ofMillis(2_500), "alice", Duration.ofSeconds(90));

    @Test
    void anAdminIsToldEveryUsersGpuTimeByName() {
        assertThat(GpuUsage.of(BY_OWNER, session("root", Role.ADMIN)))
                .containsExactly(new QueryMessage.WireUsage("alice", 90.0), new QueryMessage.WireUsage("bob", 2.5));
    }

    @Test
    void anyoneElseIsToldOnlyTheirOwn() {
        assertThat(GpuUsage.of(BY_OWNER, session("bob", Role.COMPUTE_USER))).containsExactly(new QueryMessage.WireUsage("bob", 2.5));
        assertThat(GpuUsage.of(BY_OWNER, session("carol", Role.VIEWER))).isEmpty();
    }

    private static Session session(String user, Role role) {
        return new Session(Secret.of("token-token-token"), user, role, Instant.EPOCH, false);
    }
}
