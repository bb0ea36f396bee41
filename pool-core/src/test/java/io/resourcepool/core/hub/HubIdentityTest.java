package io.resourcepool.core.hub;

import static org.assertj.core.api.Assertions.assertThat;

import io.resourcepool.api.HubId;
import org.junit.jupiter.api.Test;

class HubIdentityTest {
    @Test
    void theDefaultNameIsTheFirstLabelOfTheHostNameAndThePort() {
        assertThat(HubIdentity.derived("Build-1.Example.org", 7443)).isEqualTo(HubId.of("build-1-7443"));
    }

    @Test
    void charactersNotAllowedInAHubNameBecomeHyphensAndALongHostNameIsCutToFit() {
        assertThat(HubIdentity.derived("_my_host", 7443)).isEqualTo(HubId.of("my-host-7443"));
        assertThat(HubIdentity.derived("a".repeat(80), 65535).value()).hasSize(63).endsWith("-65535");
    }

    @Test
    void aHostNameWithNothingUsableGivesHub() {
        assertThat(HubIdentity.derived("___", 7443)).isEqualTo(HubId.of("hub-7443"));
    }

    @Test
    void twoHubsOnAFreePortOfOneMachineGetDifferentNames() {
        HubId first = HubIdentity.derived("build-1", 0);
        assertThat(first.value()).startsWith("build-1-any-");
        assertThat(HubIdentity.derived("build-1", 0)).isNotEqualTo(first);
    }
}
