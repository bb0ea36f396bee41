package io.resourcepool.core.hub;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SourceLimitsTest {
    @Test
    void countsGoByIpAddressNotByPort() {
        assertThat(SourceLimits.addressOf("127.0.0.1:50123")).isEqualTo("127.0.0.1");
        assertThat(SourceLimits.addressOf("[::1]:50123")).isEqualTo("::1");
        assertThat(SourceLimits.addressOf("[2001:db8::1]:7443")).isEqualTo("2001:db8::1");
    }

    @Test
    void namesThatAreNotHostAndPortAreKeptWhole() {
        assertThat(SourceLimits.addressOf("loopback-3")).isEqualTo("loopback-3");
        assertThat(SourceLimits.addressOf("2001:db8::1")).isEqualTo("2001:db8::1");
        assertThat(SourceLimits.addressOf("host:")).isEqualTo("host:");
    }
}
