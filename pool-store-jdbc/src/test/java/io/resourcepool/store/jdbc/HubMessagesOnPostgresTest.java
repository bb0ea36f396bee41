package io.resourcepool.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.resourcepool.api.Bytes;
import io.resourcepool.api.HubId;
import io.resourcepool.api.spi.store.HandoverMessage;
import io.resourcepool.api.spi.store.HandoverQueue;
import io.resourcepool.testkit.store.StoreSamples;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The handover queue and the credential epoch between two stores (two hubs) on one PostgreSQL schema: messages taken
 * exactly once by concurrent takers, waits woken by the other store's writes, and credential writes counted.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HubMessagesOnPostgresTest {
    /** Far longer than any answer should take: a wait that returns within it was woken, not timed out. */
    private static final Duration LONG_WAIT = Duration.ofSeconds(60);
    private static final long WOKEN_WITHIN_SECONDS = 30;
    private TwoHubs hubs;
    private ExecutorService threads;

    @BeforeAll
    void openTwoStores() {
        hubs = new TwoHubs();
        threads = Executors.newFixedThreadPool(4);
    }

    @AfterAll
    void close() throws InterruptedException {
        if (threads != null) {
            threads.shutdownNow();
            threads.awaitTermination(10, TimeUnit.SECONDS);
        }
        if (hubs != null) {
            hubs.close();
        }
    }

    @Test
    void everyMessageIsTakenExactlyOnceByFourTakersThroughBothStores() throws Exception {
        HubId hub = TwoHubs.newHub("busy");
        int count = 1_000;
        Map<String, Integer> takenTimes = new ConcurrentHashMap<>();
        List<HandoverQueue> queues = List.of(hubs.a.handover(), hubs.b.handover(), hubs.a.handover(), hubs.b.handover());
        List<Future<Boolean>> takers = new ArrayList<>();
        for (HandoverQueue queue : queues) {
            takers.add(threads.submit(() -> takeUntilAllTaken(queue, hub, count, takenTimes)));
        }
        for (int i = 0; i < count; i++) {
            (i % 2 == 0 ? hubs.a : hubs.b).handover().send(hub, "job.start", Bytes.utf8("message " + i));
        }

        for (Future<Boolean> taker : takers) {
            assertThat(taker.get(60, TimeUnit.SECONDS)).as("each batch in the order sent").isTrue();
        }
        assertThat(takenTimes).hasSize(count).allSatisfy((payload, times) -> assertThat(times).as(payload).isOne());
        assertThat(takenTimes.keySet()).containsExactlyInAnyOrderElementsOf(IntStream.range(0, count).mapToObj(i -> "message " + i).toList());
        assertThat(hubs.database.queryNumber("SELECT count(*) FROM hub_handover WHERE to_hub = '" + hub + "'")).isZero();
    }

    /**
     * Takes in batches of up to 25, waiting for a notification whenever none is left, until every message was taken;
     * says whether each batch came in sending order.
     */
    private static boolean takeUntilAllTaken(HandoverQueue queue, HubId hub, int count, Map<String, Integer> takenTimes) {
        boolean ordered = true;
        while (takenTimes.size() < count) {
            List<HandoverMessage> batch = queue.take(hub, 25);
            for (int i = 0; i < batch.size(); i++) {
                takenTimes.merge(batch.get(i).payload().asUtf8(), 1, Integer::sum);
                ordered &= i == 0 || batch.get(i - 1).sequence() < batch.get(i).sequence();
            }
            if (batch.isEmpty()) {
                queue.await(hub, Duration.ofSeconds(1));
            }
        }
        return ordered;
    }

    @Test
    void waitReturnsSoonAfterTheOtherStoreSendsAndMessageIsThere() throws Exception {
        HubId hub = TwoHubs.newHub("woken");
        assertThat(hubs.b.handover().await(hub, LONG_WAIT)).as("the first wait returns at once: it just began listening").isTrue();

        Future<Boolean> waiting = threads.submit(() -> hubs.b.handover().await(hub, LONG_WAIT));
        HandoverMessage sent = hubs.a.handover().send(hub, "job.start", Bytes.utf8("for the hub b holds"));

        assertThat(waiting.get(WOKEN_WITHIN_SECONDS, TimeUnit.SECONDS)).as("woken, well before its timeout").isTrue();
        assertThat(hubs.b.handover().take(hub, 10)).containsExactly(sent);
    }

    @Test
    void waitReturnsFalseAtItsTimeoutWhenNothingWasSent() {
        HubId hub = TwoHubs.newHub("quiet");
        hubs.b.handover().await(hub, LONG_WAIT);

        assertThat(hubs.b.handover().await(hub, Duration.ofMillis(300))).isFalse();
    }

    @Test
    void messagesOfAGoneHubGoToAnotherOnlyOnceItsLeaseRanOut() {
        HubId gone = TwoHubs.newHub("gone");
        HubId heir = TwoHubs.newHub("heir");
        hubs.a.hubs().announce(gone, "hub-gone.example.org:7443", Duration.ofHours(1));
        List<HandoverMessage> left = IntStream.range(0, 3)
                .mapToObj(i -> hubs.b.handover().send(gone, "job.start", Bytes.utf8("left " + i))).toList();

        assertThat(hubs.b.handover().reassign(gone, heir)).as("the hub is still live").isZero();
        hubs.expire("hubs", "hub_id", gone.value());
        assertThat(hubs.b.handover().reassign(gone, heir)).isEqualTo(3);

        assertThat(hubs.b.handover().take(gone, 10)).isEmpty();
        assertThat(hubs.a.handover().take(heir, 10)).extracting(HandoverMessage::payload)
                .containsExactlyElementsOf(left.stream().map(HandoverMessage::payload).toList());
    }

    @Test
    void credentialEpochGrowsWhenTheOtherStoreWritesACredentialAndWakesTheWait() throws Exception {
        long before = hubs.a.credentialEpoch();
        Future<Boolean> waiting = threads.submit(() -> hubs.a.awaitCredentialChange(before, LONG_WAIT));
        String user = "user-" + TwoHubs.newNode().value();

        assertThat(hubs.storeB.credentials().createUser(StoreSamples.user(user))).isTrue();
        hubs.storeB.credentials().createSession(StoreSamples.session("token of " + user, user, StoreSamples.T0));

        assertThat(waiting.get(WOKEN_WITHIN_SECONDS, TimeUnit.SECONDS)).as("woken, well before its timeout").isTrue();
        long after = hubs.a.credentialEpoch();
        assertThat(after).isGreaterThanOrEqualTo(before + 2);
        assertThat(hubs.a.awaitCredentialChange(after, Duration.ofMillis(300))).as("nothing written since").isFalse();
    }

    @Test
    void credentialWriteThatFailsLeavesTheEpochAsItWas() {
        String user = "user-" + TwoHubs.newNode().value();
        assertThat(hubs.storeB.credentials().createUser(StoreSamples.user(user))).isTrue();
        long before = hubs.a.credentialEpoch();

        assertThat(hubs.storeB.credentials().createUser(StoreSamples.user(user))).as("a second user of that name").isFalse();

        assertThat(hubs.a.credentialEpoch()).isEqualTo(before);
    }
}
