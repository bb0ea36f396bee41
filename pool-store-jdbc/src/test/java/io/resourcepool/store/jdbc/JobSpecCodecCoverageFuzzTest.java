package io.resourcepool.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.resourcepool.api.JobSpec;
import io.resourcepool.api.StoreException;
import java.nio.charset.StandardCharsets;

/**
 * Coverage-guided: any text in a job's spec column reads as a spec or is refused with a {@link StoreException} naming
 * the job; a spec that reads writes again in the current format, and that reads back to the same spec and writes
 * the same text. Replays its inputs in every build; {@code scripts/fuzz} fuzzes it.
 */
class JobSpecCodecCoverageFuzzTest {
    private static final String WHAT = "the spec of job 42";

    @FuzzTest(maxDuration = "5m")
    void anyColumnTextReadsAsASpecOrIsRefusedAndWhatReadsRoundTrips(byte[] input) {
        String column = new String(input, StandardCharsets.UTF_8);
        JobSpec spec;
        try {
            spec = JobSpecCodec.decode(column, WHAT);
        } catch (StoreException refused) {
            assertThat(refused.getMessage()).startsWith(WHAT + " in the store cannot be read: ");
            return;
        }
        String written = JobSpecCodec.encode(spec);
        assertThat(written).startsWith("10:" + JobSpecCodec.FORMAT);
        assertThat(JobSpecCodec.decode(written, WHAT)).isEqualTo(spec);
        assertThat(JobSpecCodec.encode(JobSpecCodec.decode(written, WHAT))).isEqualTo(written);
    }
}
