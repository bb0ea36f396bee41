package io.resourcepool.api.spi.store;

import io.resourcepool.api.Bytes;
import io.resourcepool.api.HubId;
import java.time.Duration;
import java.util.List;

/**
 * Messages between hubs through the database: a hub sends a message to another (for example a job for a worker
 * connected there), which takes it exactly once. Messages stay in the database until taken, so a message for a hub
 * that is gone waits until another hub {@link #reassign reassigns} that hub's messages to itself.
 */
public interface HandoverQueue {

    /**
     * Queues a message for a hub and wakes the hub's {@link #await}, both when the sending transaction commits.
     *
     * @param to the hub it is for
     * @param kind what it is; see {@link HandoverMessage}
     * @param payload what it carries, at most {@link HandoverMessage#MAX_PAYLOAD_BYTES} bytes
     * @return the message as queued
     */
    HandoverMessage send(HubId to, String kind, Bytes payload);

    /**
     * Removes and returns up to {@code max} of the hub's messages, oldest first. Messages that another caller is
     * taking at the same moment are skipped, not waited for, so several takers share the queue and each message is
     * taken once.
     *
     * @param hub the hub taking its messages
     * @param max the most to take, 1 to 10,000
     * @return the messages, in the order they were sent; empty when none is waiting (or all are being taken)
     */
    List<HandoverMessage> take(HubId hub, int max);

    /**
     * Waits until a message may be waiting for the hub, or until the timeout. Meant for a loop that takes until the
     * queue is empty and then waits: the first call for a hub returns true at once (whatever was sent before it
     * listened is only in the table), and a message sent while the caller was taking makes the next call return at
     * once, so no message is left waiting for the timeout. When several threads wait for one hub, a message wakes
     * at least one of them. A true answer is a hint, not a promise: {@link #take} may find nothing.
     *
     * @param hub the hub
     * @param timeout the longest wait
     * @return true when woken by a message (or on the first call), false when the timeout passed
     * @throws io.resourcepool.api.StoreException when interrupted (the interrupt flag is set again)
     */
    boolean await(HubId hub, Duration timeout);

    /**
     * Gives every message waiting for a hub that is gone to another hub, and wakes that one. Nothing moves while the
     * first hub is still live (its membership lease has not run out).
     *
     * @param from the hub that is gone
     * @param to the hub taking over its messages
     * @return how many messages moved
     */
    int reassign(HubId from, HubId to);
}
