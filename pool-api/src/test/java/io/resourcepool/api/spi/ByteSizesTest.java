package io.resourcepool.api.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The one parser of sizes, and the setting that uses it. */
class ByteSizesTest {

    @Test
    void readsBytesAndBinaryUnitsInEitherCase() {
        assertThat(ByteSizes.parse("65536")).isEqualTo(65536);
        assertThat(ByteSizes.parse("65536b")).isEqualTo(65536);
        assertThat(ByteSizes.parse("512k")).isEqualTo(512L << 10);
        assertThat(ByteSizes.parse("512MiB")).isEqualTo(512L << 20);
        assertThat(ByteSizes.parse(" 2 GB ")).isEqualTo(2L << 30);
        assertThat(ByteSizes.parse("1t")).isEqualTo(1L << 40);
    }

    @Test
    void refusesWhatIsNotASizeQuotingIt() {
        assertThatThrownBy(() -> ByteSizes.parse("lots", "--memory"))
                .isInstanceOf(NumberFormatException.class).hasMessage("--memory 'lots' is not a size such as 512m, 2g or 65536 (bytes)");
        assertThatThrownBy(() -> ByteSizes.parse("-1")).hasMessageContaining("is not a size");
        assertThatThrownBy(() -> ByteSizes.parse("1ib")).hasMessageContaining("is not a size");
        assertThatThrownBy(() -> ByteSizes.parse("1.5g")).hasMessageContaining("is not a size");
    }

    @Test
    void refusesSizesPastALong() {
        assertThatThrownBy(() -> ByteSizes.parse("9999999999999999999")).hasMessage("'9999999999999999999' is too large");
        assertThatThrownBy(() -> ByteSizes.parse("8388608t")).hasMessage("'8388608t' is too large");
        assertThat(ByteSizes.parse("8388607t")).isEqualTo(8388607L << 40);
    }

    @Test
    void aSizeSettingNamesItsKeyWhenWrong() {
        ProviderConfig config = new ProviderConfig("fixed", "probe", Path.of("."), Map.of("memory-bytes", "16q"));

        assertThat(new ProviderConfig("fixed", "probe", Path.of("."), Map.of("memory-bytes", "16g")).getBytes("memory-bytes", 0))
                .isEqualTo(16L << 30);
        assertThat(config.getBytes("other", 7)).isEqualTo(7);
        assertThatThrownBy(() -> config.getBytes("memory-bytes", 0))
                .hasMessage("probe.memory-bytes is '16q', which is not " + ByteSizes.EXPECTED);
    }
}
