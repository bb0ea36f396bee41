package io.resourcepool.launcher.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HubVitalsTest {

    @Test
    void heapInUseIsReadFromTheSerialAndG1Reports() {
        String serial = """
                1234:
                 def new generation   total 4928K, used 1024K [0x00000000e0000000, 0x00000000e0550000, 0x00000000eaaa0000)
                  eden space 4416K,  20% used [0x00000000e0000000, 0x00000000e00a0000, 0x00000000e0450000)
                 tenured generation   total 10944K, used 2048K [0x00000000eaaa0000, 0x00000000eb550000, 0x0000000100000000)
                 Metaspace       used 9000K, committed 9216K, reserved 1114112K
                  class space    used 900K, committed 1024K, reserved 1048576K
                """;
        String g1 = """
                1234:
                garbage-first heap   total reserved 6172672K, committed 393216K, used 13700K [0x0000000687400000, 0x0000000800000000)
                 region size 4096K, 4 young (16384K), 1 survivors (4096K)
                 Metaspace       used 9000K, committed 9216K, reserved 1114112K
                """;

        assertThat(HubVitals.heapUsed(serial)).isEqualTo(3072L * 1024);
        assertThat(HubVitals.heapUsed(g1)).isEqualTo(13700L * 1024);
    }

    @Test
    void aReportWithoutHeapFiguresIsRefusedWithWhatItSaid() {
        assertThatThrownBy(() -> HubVitals.heapUsed("1234:\nCommand not found\n")).hasMessageContaining("Command not found");
    }

    @Test
    void figuresWithinTheToleranceAreBackAndFiguresPastItAreNot() {
        HubVitals before = new HubVitals(40L << 20, 100);

        assertThat(new HubVitals(90L << 20, 130).backTo(before)).isTrue();
        assertThat(new HubVitals(93L << 20, 100).backTo(before)).isFalse();
        assertThat(new HubVitals(40L << 20, 131).backTo(before)).isFalse();
    }
}
