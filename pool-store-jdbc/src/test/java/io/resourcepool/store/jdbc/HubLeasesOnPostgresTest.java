package io.resourcepool.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.resourcepool.api.HubId;
import io.resourcepool.api.NodeId;
import io.resourcepool.api.spi.store.FencingToken;
import io.resourcepool.api.spi.store.HubMember;
import io.resourcepool.api.spi.store.NodeLease;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Hub membership and node leases with fencing, seen by two stores (two hubs) on one PostgreSQL schema. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HubLeasesOnPostgresTest {
    private static final Duration HOUR = Duration.ofHours(1);
    private TwoHubs hubs;

    @BeforeAll
    void openTwoStores() {
        hubs = new TwoHubs();
    }

    @AfterAll
    void close() {
        if (hubs != null) {
            hubs.close();
        }
    }

    @Test
    void nodeLeasedToOneHubIsRefusedToAnotherUntilItRunsOutThenHandedOverWithALargerToken() {
        NodeId node = TwoHubs.newNode();
        HubId a = TwoHubs.newHub("a");
        HubId b = TwoHubs.newHub("b");

        NodeLease first = hubs.a.leases().acquire(node, a, HOUR).orElseThrow();
        assertThat(hubs.b.leases().acquire(node, b, HOUR)).isEmpty();
        assertThat(hubs.b.leases().holder(node)).contains(first);
        assertThat(hubs.a.leases().acquire(node, a, HOUR)).get().extracting(NodeLease::token).as("renewed by its holder").isEqualTo(first.token());

        hubs.expire("node_leases", "node_id", node.value());
        assertThat(hubs.b.leases().holder(node)).as("a lease that ran out is held by nobody").isEmpty();
        NodeLease second = hubs.b.leases().acquire(node, b, HOUR).orElseThrow();

        assertThat(second.holder()).isEqualTo(b);
        assertThat(second.token()).isGreaterThan(first.token());
        assertThat(hubs.a.leases().stillHolds(node, a, first.token())).isFalse();
        assertThat(hubs.a.leases().release(node, a, first.token())).isFalse();
        assertThat(hubs.a.leases().acquire(node, a, HOUR)).isEmpty();
        assertThat(hubs.a.leases().holder(node)).contains(second);
        assertThat(hubs.b.leases().stillHolds(node, b, second.token())).isTrue();
    }

    @Test
    void leaseRunsOutByItselfAndAReleasedNodeIsLeasedAgainWithANewToken() {
        NodeId node = TwoHubs.newNode();
        HubId a = TwoHubs.newHub("a");
        HubId b = TwoHubs.newHub("b");
        NodeLease brief = hubs.a.leases().acquire(node, a, Duration.ofMillis(200)).orElseThrow();

        NodeLease taken = await().atMost(Duration.ofSeconds(10)).until(() -> hubs.b.leases().acquire(node, b, HOUR), Optional::isPresent)
                .orElseThrow();
        assertThat(taken.token()).isGreaterThan(brief.token());
        assertThat(hubs.b.leases().release(node, b, taken.token())).isTrue();
        assertThat(hubs.b.leases().holder(node)).isEmpty();

        NodeLease again = hubs.b.leases().acquire(node, b, HOUR).orElseThrow();
        assertThat(again.token()).as("a token is never given twice, even to the same hub").isGreaterThan(taken.token());
    }

    @Test
    void fencedTransactionKeepsTheNodeFromChangingHandsUntilItEnds() throws Exception {
        NodeId node = TwoHubs.newNode();
        HubId a = TwoHubs.newHub("a");
        HubId b = TwoHubs.newHub("b");
        NodeLease held = hubs.a.leases().acquire(node, a, HOUR).orElseThrow();
        ExecutorService other = Executors.newSingleThreadExecutor();
        try (Connection hubA = connect()) {
            hubA.setAutoCommit(false);
            assertThat(JdbcNodeLeases.fence(hubA, node, a, new FencingToken(held.token().value() + 1))).as("a token never given").isFalse();
            assertThat(JdbcNodeLeases.fence(hubA, node, a, held.token())).isTrue();

            Future<Optional<NodeLease>> takeover = other.submit(() -> hubs.b.leases().acquire(node, b, HOUR));
            // hub b's acquire waits for the lease row's lock, which shows as its tuple lock on node_leases
            await().atMost(Duration.ofSeconds(30)).until(() -> hubs.database.queryNumber(
                    "SELECT count(*) FROM pg_locks WHERE locktype = 'tuple' AND relation = 'node_leases'::regclass") > 0);
            try (Statement s = hubA.createStatement()) {
                // the fenced write, then the lease running out, all before the transaction ends
                s.execute("UPDATE node_leases SET lease_until = 0 WHERE node_id = '" + node + "'");
            }
            assertThat(takeover).isNotDone();
            hubA.commit();

            NodeLease taken = takeover.get(30, TimeUnit.SECONDS).orElseThrow();
            assertThat(taken.holder()).isEqualTo(b);
            assertThat(taken.token()).isGreaterThan(held.token());
        } finally {
            other.shutdownNow();
        }
    }

    private Connection connect() throws SQLException {
        Properties login = new Properties();
        login.setProperty("user", hubs.database.user());
        hubs.database.password().ifPresent(p -> login.setProperty("password", p));
        return DriverManager.getConnection(hubs.database.url(), login);
    }

    @Test
    void renewAllRenewsOnlyTheCallersLiveLeases() {
        HubId a = TwoHubs.newHub("a");
        HubId b = TwoHubs.newHub("b");
        NodeId mine = TwoHubs.newNode();
        NodeId alsoMine = TwoHubs.newNode();
        NodeId lapsed = TwoHubs.newNode();
        NodeId theirs = TwoHubs.newNode();
        Duration minute = Duration.ofMinutes(1);
        hubs.a.leases().acquire(mine, a, minute).orElseThrow();
        hubs.a.leases().acquire(alsoMine, a, minute).orElseThrow();
        hubs.a.leases().acquire(lapsed, a, minute).orElseThrow();
        NodeLease other = hubs.b.leases().acquire(theirs, b, minute).orElseThrow();
        hubs.expire("node_leases", "node_id", lapsed.value());

        int renewed = hubs.a.leases().renewAll(a, HOUR);

        assertThat(renewed).isEqualTo(2);
        Instant renewedPast = other.leaseUntil().plus(Duration.ofMinutes(30));
        assertThat(hubs.b.leases().holder(mine).orElseThrow().leaseUntil()).isAfter(renewedPast);
        assertThat(hubs.b.leases().holder(alsoMine).orElseThrow().leaseUntil()).isAfter(renewedPast);
        assertThat(hubs.a.leases().holder(theirs)).contains(other);
        assertThat(hubs.a.leases().holder(lapsed)).as("a lease that ran out must be acquired again").isEmpty();
    }

    @Test
    void heldByListsOnlyTheHubsOwnLiveLeasesWithTheirTokens() {
        HubId a = TwoHubs.newHub("a");
        HubId b = TwoHubs.newHub("b");
        NodeId mine = TwoHubs.newNode();
        NodeId lapsed = TwoHubs.newNode();
        NodeId theirs = TwoHubs.newNode();
        NodeLease held = hubs.a.leases().acquire(mine, a, HOUR).orElseThrow();
        hubs.a.leases().acquire(lapsed, a, HOUR).orElseThrow();
        NodeLease other = hubs.b.leases().acquire(theirs, b, HOUR).orElseThrow();
        hubs.expire("node_leases", "node_id", lapsed.value());

        assertThat(hubs.b.leases().heldBy(a)).as("seen by any store").containsExactly(held);
        assertThat(hubs.a.leases().heldBy(b)).containsExactly(other);
        assertThat(hubs.a.leases().heldBy(TwoHubs.newHub("c"))).isEmpty();
    }

    @Test
    void hubsSeeEachOtherUntilALeaseRunsOutOrAHubLeaves() {
        HubId a = TwoHubs.newHub("a");
        HubId b = TwoHubs.newHub("b");
        HubMember announced = hubs.a.hubs().announce(a, "hub-a.example.org:7443", HOUR);
        hubs.b.hubs().announce(b, "hub-b.example.org:7443", HOUR);

        assertThat(hubs.b.hubs().live()).contains(announced).extracting(HubMember::hub).contains(a, b);
        assertThat(hubs.a.hubs().renew(a, HOUR)).isTrue();

        hubs.expire("hubs", "hub_id", a.value());
        assertThat(hubs.b.hubs().live()).extracting(HubMember::hub).doesNotContain(a).contains(b);
        assertThat(hubs.a.hubs().renew(a, HOUR)).as("a hub whose lease ran out announces itself again").isFalse();
        hubs.a.hubs().announce(a, "hub-a.example.org:7443", HOUR);
        assertThat(hubs.b.hubs().live()).extracting(HubMember::hub).contains(a);

        assertThat(hubs.b.hubs().leave(b)).isTrue();
        assertThat(hubs.a.hubs().live()).extracting(HubMember::hub).doesNotContain(b);
    }
}
