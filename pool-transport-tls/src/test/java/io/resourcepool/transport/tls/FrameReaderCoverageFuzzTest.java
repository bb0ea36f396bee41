package io.resourcepool.transport.tls;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.resourcepool.api.FrameException;
import io.resourcepool.api.TransportException;
import io.resourcepool.api.spi.transport.Frame;
import io.resourcepool.api.spi.transport.FrameLimits;
import io.resourcepool.api.spi.transport.FrameReader;
import java.io.ByteArrayInputStream;
import java.lang.management.ManagementFactory;
import java.time.Duration;

/**
 * Coverage-guided: any bytes on a stream give frames within the limit, then a frame or transport error, and never
 * another exception, an allocation the bytes that arrived do not justify, or an endless loop. Replays its inputs in
 * every build; {@code scripts/fuzz} fuzzes it.
 */
class FrameReaderCoverageFuzzTest {
    /** A production-sized limit: a reader that allocated what a header claims would allocate up to a mebibyte. */
    private static final FrameLimits LIMITS = new FrameLimits(1 << 20, Duration.ofSeconds(10));
    /** What one read may allocate beyond a few times the bytes it consumed: the first chunk, messages, stack traces. */
    private static final long ALLOCATION_SLACK = 64 * 1024;
    private static final com.sun.management.ThreadMXBean THREADS = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    @FuzzTest(maxDuration = "5m")
    void anyBytesGiveFramesWithinTheLimitOrATransportError(byte[] stream) {
        readAll(stream, false);
        readAll(stream, true);
    }

    /**
     * Reads until the stream is refused. The first pass loads classes and links call sites, which allocates
     * megabytes once; the second, over the same bytes and so the same paths, measures what the reader itself allocates.
     */
    private static void readAll(byte[] stream, boolean measured) {
        FrameReader reader = new FrameReader(new ByteArrayInputStream(stream), LIMITS, FrameReader.ReadTimeout.NONE, "fuzzer", () -> 0L);
        for (int frames = 0; frames <= stream.length / Frame.HEADER_BYTES; frames++) {
            long before = THREADS.getCurrentThreadAllocatedBytes();
            try {
                Frame frame = reader.read();
                assertThat(frame.payload().size()).isLessThanOrEqualTo(LIMITS.maxFrameBytes());
            } catch (FrameException | TransportException refused) {
                assertThat(refused.getMessage()).contains("fuzzer");
                return;
            } finally {
                long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;
                if (measured) {
                    assertThat(allocated).as("bytes allocated by one read of a %d-byte stream", stream.length)
                            .isLessThanOrEqualTo(ALLOCATION_SLACK + 4L * stream.length);
                }
            }
        }
        throw new AssertionError("more frames than " + stream.length + " bytes can hold");
    }
}
