package io.resourcepool.core.hub;

import io.resourcepool.api.JobSpec;
import io.resourcepool.api.spi.store.JobRecord;

/**
 * How much of a job's output the hub holds for the people following it, and how much a job may ask to stream.
 *
 * @param followerBufferBytes the output buffered for one follower (a {@code run} client, a {@code logs --follow}, an
 *     HTTP event stream) that reads more slowly than the job writes; a follower that would need more is dropped,
 *     and the job runs on. At least twice the replayed tail ({@value JobRecord#MAX_OUTPUT_TAIL_BYTES} bytes), so a
 *     new follower's replay and the next chunk always fit
 * @param maxOutputCapBytes the largest output cap a job may ask for; a job asking for more is refused. At least the
 *     default cap ({@link JobSpec#DEFAULT_OUTPUT_CAP_BYTES}), so a job that asks for nothing is always accepted
 */
public record RelayLimits(long followerBufferBytes, long maxOutputCapBytes) {
    /** The smallest follower buffer: room for the replayed tail and as much again. */
    public static final long MIN_FOLLOWER_BUFFER_BYTES = 2L * JobRecord.MAX_OUTPUT_TAIL_BYTES;

    /**
     * 1 MiB per follower, and output caps up to 1 GiB. A follower's buffer only has to smooth out a reader's
     * hiccups (a terminal scrolling, a pause of the network): 1 MiB is seconds of a chatty job's output, and a
     * thousand stalled followers cost 1 GiB at most before they are dropped. The hub keeps no job's whole output
     * (only its last 64 KiB), but every byte under the cap crosses the network to each follower and a
     * {@code pool run} client keeps it all in memory, so 1 GiB allows the longest build log and refuses the
     * terabytes that only a mistake or an attack asks for.
     */
    public static final RelayLimits DEFAULTS = new RelayLimits(1L << 20, 1L << 30);

    /** Checks the figures. */
    public RelayLimits {
        if (followerBufferBytes < MIN_FOLLOWER_BUFFER_BYTES || followerBufferBytes > (1L << 30)) {
            throw new IllegalArgumentException("followerBufferBytes must be from " + MIN_FOLLOWER_BUFFER_BYTES
                    + " (twice the replayed tail) to 1 GiB, was " + followerBufferBytes);
        }
        if (maxOutputCapBytes < JobSpec.DEFAULT_OUTPUT_CAP_BYTES) {
            throw new IllegalArgumentException("maxOutputCapBytes must be at least the default output cap, "
                    + JobSpec.DEFAULT_OUTPUT_CAP_BYTES + " bytes, was " + maxOutputCapBytes);
        }
    }
}
