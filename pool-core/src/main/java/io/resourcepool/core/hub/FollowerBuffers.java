package io.resourcepool.core.hub;

/**
 * The account of job output held for followers that read more slowly than their jobs write, which
 * {@link HubStatus#outputBufferedBytes()} and {@link HubStatus#followersDropped()} report. The hub's own relays
 * keep it; a gateway that relays output on to followers of its own (the HTTP event stream) keeps its buffers in it
 * too, so that one figure says what the process holds and how many followers it dropped, however they followed.
 */
public interface FollowerBuffers {
    /**
     * Notes bytes now held for a follower.
     *
     * @param bytes how many
     */
    void held(long bytes);

    /**
     * Notes held bytes let go: sent, or dropped with their follower.
     *
     * @param bytes how many
     */
    void released(long bytes);

    /** Notes one follower dropped for falling behind. */
    void droppedOne();
}
