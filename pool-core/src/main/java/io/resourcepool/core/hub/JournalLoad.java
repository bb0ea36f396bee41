package io.resourcepool.core.hub;

/**
 * How often, of late, a record handed to the journal found it writing or with records waiting: a moving average
 * over the records handed in. The journal counts as idle while that is rare (under one record in five), as with one
 * client, whose next job waits for the last: a record written at once on its caller's thread then seldom keeps
 * another waiting. When records meet writes often, several callers are at work, and records are better queued and
 * committed in groups, one commit for many. Starts as idle. Thread-safe.
 */
final class JournalLoad {
    /** Each new record weighs 1/8 of the average. */
    private static final int SHIFT = 3;
    private static final int ALWAYS = 1 << 16;
    private static final int IDLE_BELOW = ALWAYS / 5;

    private int metWrites;

    /** A record was handed in; {@code busy}: the journal was writing, or had records waiting. */
    synchronized void arrived(boolean busy) {
        metWrites += ((busy ? ALWAYS : 0) - metWrites) >> SHIFT;
    }

    /** Whether records seldom met a write of late. */
    synchronized boolean idle() {
        return metWrites < IDLE_BELOW;
    }
}
