package io.resourcepool.core.hub;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JournalLoadTest {
    private final JournalLoad load = new JournalLoad();

    @Test
    void startsIdle() {
        assertThat(load.idle()).isTrue();
    }

    @Test
    void staysIdleWhenARecordOnlyNowAndThenMeetsAWrite() {
        for (int i = 0; i < 200; i++) {
            load.arrived(i % 10 == 0);
        }
        assertThat(load.idle()).isTrue();
    }

    @Test
    void isBusyOnceRecordsOftenMeetWrites() {
        for (int i = 0; i < 200; i++) {
            load.arrived(i % 2 == 0);
        }
        assertThat(load.idle()).isFalse();
    }

    @Test
    void isIdleAgainOnceRecordsStopMeetingWrites() {
        for (int i = 0; i < 200; i++) {
            load.arrived(true);
        }
        for (int i = 0; i < 30; i++) {
            load.arrived(false);
        }
        assertThat(load.idle()).isTrue();
    }
}
