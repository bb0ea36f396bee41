package io.resourcepool.core.hub;

/**
 * Room the hub keeps free on the disk of its data directory. Below it, new jobs are refused with an error that
 * gives the figures, before SQLite ever runs out of room: the reserve is what the jobs already accepted, the
 * logins and the audit rows still need (a job's end alone writes its output's last 64 KiB), and what an operator
 * needs to recover. Like Nomad's {@code reserved.disk}, it is a size, not a share of the disk: what the hub must
 * still write does not grow with the size of the disk.
 *
 * @param minFreeBytes the free space under which new jobs are refused; 0 switches the check off (a full disk is
 *     then still reported clearly when a write fails). At most 1 TiB
 */
public record DiskReserve(long minFreeBytes) {
    /** The largest reserve accepted: beyond it, a typing mistake would refuse every job. */
    public static final long MAX_BYTES = 1L << 40;

    /**
     * 64 MiB: room for about a thousand job ends with full output tails and their audit rows, the SQLite
     * write-ahead log's growth between checkpoints, and a margin for the log files beside it.
     */
    public static final DiskReserve DEFAULT = new DiskReserve(64L << 20);

    /** Checks the figure. */
    public DiskReserve {
        if (minFreeBytes < 0 || minFreeBytes > MAX_BYTES) {
            throw new IllegalArgumentException("minFreeBytes must be from 0 (no reserve) to " + MAX_BYTES + " (1 TiB), was " + minFreeBytes);
        }
    }

    /**
     * Whether this much free space lies inside the reserve.
     *
     * @param freeBytes the free space measured
     * @return true when new jobs must be refused
     */
    public boolean breachedBy(long freeBytes) {
        return freeBytes < minFreeBytes;
    }
}
