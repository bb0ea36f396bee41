package io.resourcepool.core.hub;

import io.resourcepool.api.HubId;
import io.resourcepool.api.StoreException;
import io.resourcepool.api.spi.store.HandoverMessage;
import io.resourcepool.api.spi.store.HandoverQueue;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This hub's letters to and from the other hubs sharing its database, through the store's {@link HandoverQueue}:
 * one thread sends, in the order they were posted (a job's start, its output and its end reach the other hub in
 * that order), and one takes this hub's letters as they come, woken by the database (and at least every second),
 * and hands each to the receiver.
 * Both are platform threads, since JDBC calls block. A letter that cannot be sent while the store is away is
 * dropped with a warning: every hub that waits on another also looks in the store now and then
 * ({@link JobWatches#poll}), so nothing waits for ever on a letter that never came.
 */
final class HubPost implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HubPost.class);
    private static final Duration WAKE_AT_LEAST_EVERY = Duration.ofSeconds(1);
    private static final int TAKE_AT_ONCE = 256;

    private record Outgoing(HubId to, HubLetter letter) {}

    private static final Outgoing STOP = new Outgoing(HubId.of("stop"), null);

    private final HandoverQueue queue;
    private final HubId self;
    private final BlockingQueue<Outgoing> outbox = new LinkedBlockingQueue<>();
    private volatile boolean open = true;
    private Thread sender;
    private Thread taker;

    HubPost(HandoverQueue queue, HubId self) {
        this.queue = queue;
        this.self = self;
    }

    HubId self() {
        return self;
    }

    /** Starts sending, and handing this hub's letters to the receiver. */
    synchronized void start(Consumer<HubLetter> receiver) {
        if (sender == null) {
            sender = Thread.ofPlatform().daemon().name("hub-post-send").start(this::sendAll);
            taker = Thread.ofPlatform().daemon().name("hub-post-take").start(() -> takeAll(receiver));
        }
    }

    /** Posts a letter; it is sent after every letter posted before it. Never blocks. */
    void post(HubId to, HubLetter letter) {
        if (open) {
            outbox.add(new Outgoing(to, letter));
        }
    }

    private void sendAll() {
        while (true) {
            Outgoing next;
            try {
                next = outbox.take();
            } catch (InterruptedException e) {
                return;
            }
            if (next == STOP) {
                return;
            }
            try {
                queue.send(next.to(), next.letter().kind(), next.letter().payload());
            } catch (RuntimeException e) {
                log.warn("could not send {} of job {} to hub {} ({}); that hub finds the job's state in the store instead",
                        next.letter().kind(), next.letter().job(), next.to(), e.getMessage());
            }
        }
    }

    private void takeAll(Consumer<HubLetter> receiver) {
        while (open) {
            try {
                // a wake-up is a hint: the queue is looked at after every wait, woken or not, so that a notification
                // lost on its way (a listening connection that broke, say) delays a letter by a second at most
                queue.await(self, WAKE_AT_LEAST_EVERY);
                drain(receiver);
            } catch (StoreException e) {
                if (!open) {
                    return;
                }
                log.warn("could not take this hub's letters from the store ({}); trying again", e.getMessage());
                pause();
            }
        }
    }

    private void drain(Consumer<HubLetter> receiver) {
        List<HandoverMessage> letters;
        do {
            letters = queue.take(self, TAKE_AT_ONCE);
            for (HandoverMessage message : letters) {
                try {
                    receiver.accept(HubLetter.read(message));
                } catch (RuntimeException e) {
                    log.warn("letter {} ({}) to this hub could not be handled: {}", message.sequence(), message.kind(), e.getMessage());
                }
            }
        } while (letters.size() == TAKE_AT_ONCE && open);
    }

    /** Waits a moment before trying a store that failed again, unless closing. */
    private void pause() {
        try {
            synchronized (this) {
                wait(WAKE_AT_LEAST_EVERY.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            open = false;
        }
    }

    /** Sends what was posted, then stops both threads. */
    @Override
    public void close() {
        Thread sending;
        Thread taking;
        synchronized (this) {
            open = false;
            sending = sender;
            taking = taker;
            notifyAll();
        }
        if (sending == null) {
            return;
        }
        outbox.add(STOP);
        try {
            sending.join(Duration.ofSeconds(5));
            taking.interrupt();
            taking.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
