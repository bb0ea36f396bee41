package io.resourcepool.testkit.store;

import static io.resourcepool.testkit.store.StoreSamples.T0;
import static io.resourcepool.testkit.store.StoreSamples.at;
import static io.resourcepool.testkit.store.StoreSamples.joinToken;
import static io.resourcepool.testkit.store.StoreSamples.node;
import static io.resourcepool.testkit.store.StoreSamples.richResources;
import static io.resourcepool.testkit.store.StoreSamples.sha256;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.resourcepool.api.NodeId;
import io.resourcepool.api.NodeResources;
import io.resourcepool.api.StoreException;
import io.resourcepool.api.spi.store.JoinToken;
import io.resourcepool.api.spi.store.NodeRecord;
import io.resourcepool.api.spi.store.NodeStore;
import io.resourcepool.api.spi.store.NodeStore.Heartbeat;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Join tokens (single use, expiring, by hash) and enrolled nodes. */
public abstract class NodeStoreContract extends StoreFixture {
    private static final NodeId WORKER = NodeId.of("worker-1");

    /**
     * Tests the given implementation.
     *
     * @param subject how to make the stores under test
     */
    protected NodeStoreContract(StoreUnderTest subject) {
        super(subject);
    }

    private NodeStore nodes() {
        return store().nodes();
    }

    @Test
    void joinTokenIsListedAsCreated() {
        JoinToken token = joinToken("jt-1", "secret-1", T0);

        nodes().createJoinToken(token);

        assertThat(nodes().listJoinTokens()).containsExactly(token);
    }

    @Test
    void joinTokensAreListedNewestFirst() {
        nodes().createJoinToken(joinToken("jt-old", "s1", T0));
        nodes().createJoinToken(joinToken("jt-new", "s2", at(2_000)));
        nodes().createJoinToken(joinToken("jt-mid", "s3", at(1_000)));

        assertThat(nodes().listJoinTokens()).extracting(JoinToken::id).containsExactly("jt-new", "jt-mid", "jt-old");
    }

    @Test
    void joinTokenWithATakenIdIsRefused() {
        nodes().createJoinToken(joinToken("jt-1", "secret-1", T0));

        assertThatThrownBy(() -> nodes().createJoinToken(joinToken("jt-1", "secret-2", T0))).isInstanceOf(StoreException.class);
    }

    @Test
    void joinTokenIsSpentOnceAndRecordsWhoUsedIt() {
        JoinToken token = joinToken("jt-1", "secret-1", T0);
        nodes().createJoinToken(token);

        Optional<JoinToken> first = nodes().consumeJoinToken(sha256("secret-1"), at(10), WORKER);
        Optional<JoinToken> second = nodes().consumeJoinToken(sha256("secret-1"), at(20), NodeId.of("worker-2"));

        assertThat(first).contains(token);
        assertThat(second).isEmpty();
        JoinToken used = nodes().listJoinTokens().getFirst();
        assertThat(used.usedAt()).contains(at(10));
        assertThat(used.usedBy()).contains(WORKER);
    }

    @Test
    void expiredJoinTokenCannotBeSpent() {
        nodes().createJoinToken(joinToken("jt-1", "secret-1", T0));

        assertThat(nodes().consumeJoinToken(sha256("secret-1"), T0.plus(Duration.ofHours(1)), WORKER)).isEmpty();
        assertThat(nodes().listJoinTokens().getFirst().usedAt()).isEmpty();
    }

    @Test
    void unknownJoinTokenCannotBeSpent() {
        nodes().createJoinToken(joinToken("jt-1", "secret-1", T0));

        assertThat(nodes().consumeJoinToken(sha256("guess"), at(1), WORKER)).isEmpty();
    }

    @Test
    void revokedJoinTokenCannotBeSpentOrRevokedAgain() {
        nodes().createJoinToken(joinToken("jt-1", "secret-1", T0));

        assertThat(nodes().revokeJoinToken("jt-1")).isTrue();

        assertThat(nodes().revokeJoinToken("jt-1")).isFalse();
        assertThat(nodes().consumeJoinToken(sha256("secret-1"), at(1), WORKER)).isEmpty();
        assertThat(nodes().listJoinTokens().getFirst().revoked()).isTrue();
    }

    @Test
    void usedOrUnknownJoinTokenCannotBeRevoked() {
        nodes().createJoinToken(joinToken("jt-1", "secret-1", T0));
        nodes().consumeJoinToken(sha256("secret-1"), at(1), WORKER);

        assertThat(nodes().revokeJoinToken("jt-1")).isFalse();
        assertThat(nodes().revokeJoinToken("jt-unknown")).isFalse();
    }

    @Test
    void concurrentEnrolmentsNeverShareAToken() throws Exception {
        nodes().createJoinToken(joinToken("jt-1", "secret-1", T0));
        List<NodeId> winners = Collections.synchronizedList(new ArrayList<>());

        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            IntStream.range(0, 20).forEach(i -> threads.submit(() -> {
                NodeId me = NodeId.of("worker-" + i);
                nodes().consumeJoinToken(sha256("secret-1"), at(5), me).ifPresent(t -> winners.add(me));
            }));
        }

        assertThat(winners).hasSize(1);
        assertThat(nodes().listJoinTokens().getFirst().usedBy()).contains(winners.getFirst());
    }

    @Test
    void enrolledNodeIsFoundWithEveryField() {
        NodeRecord full = new NodeRecord(WORKER, "host.example.org", "7f00aa", at(1), Optional.of(at(2)), richResources(),
                Map.of("gpu", "a100", "rack", "r 12:3"), true, Optional.empty());

        nodes().saveEnrolment(full);

        assertThat(nodes().findNode(WORKER)).contains(full);
        assertThat(nodes().findNode(NodeId.of("other"))).isEmpty();
    }

    @Test
    void aRenewedCertificateReplacesOnlyTheOneItRenewsAndNeverLiftsARevocation() {
        nodes().saveEnrolment(NodeRecord.enrolled(WORKER, "host", "aa01", at(10)));
        nodes().setLabels(WORKER, Map.of("zone", "eu"));

        assertThat(nodes().replaceCertificate(WORKER, "aa01", "bb02")).isTrue();
        assertThat(nodes().replaceCertificate(WORKER, "aa01", "cc03")).as("a second renewal of the replaced certificate").isFalse();
        NodeRecord renewed = nodes().findNode(WORKER).orElseThrow();
        assertThat(renewed.certificateSerial()).isEqualTo("bb02");
        assertThat(renewed.labels()).containsExactlyEntriesOf(Map.of("zone", "eu"));
        assertThat(renewed.enrolledAt()).isEqualTo(at(10));

        nodes().revokeNode(WORKER, at(20));
        assertThat(nodes().replaceCertificate(WORKER, "bb02", "dd04")).isFalse();
        assertThat(nodes().findNode(WORKER).orElseThrow().revokedAt()).contains(at(20));
        assertThat(nodes().findNode(WORKER).orElseThrow().certificateSerial()).isEqualTo("bb02");
        assertThat(nodes().replaceCertificate(NodeId.of("unknown"), "bb02", "dd04")).isFalse();
    }

    @Test
    void enrollingAgainTakesTheNewCertificateKeepsLabelsAndLiftsRevocation() {
        nodes().saveEnrolment(node("worker-1"));
        nodes().setLabels(WORKER, Map.of("zone", "eu"));
        nodes().revokeNode(WORKER, at(50));

        nodes().saveEnrolment(NodeRecord.enrolled(WORKER, "new-host", "beef01", at(100)));

        NodeRecord again = nodes().findNode(WORKER).orElseThrow();
        assertThat(again.certificateSerial()).isEqualTo("beef01");
        assertThat(again.hostname()).isEqualTo("new-host");
        assertThat(again.enrolledAt()).isEqualTo(at(100));
        assertThat(again.labels()).containsExactlyEntriesOf(Map.of("zone", "eu"));
        assertThat(again.revokedAt()).isEmpty();
        assertThat(nodes().listNodes()).hasSize(1);
    }

    @Test
    void nodesAreListedByName() {
        nodes().saveEnrolment(node("web-2"));
        nodes().saveEnrolment(node("gpu-1"));
        nodes().saveEnrolment(node("web-10"));

        assertThat(nodes().listNodes()).extracting(n -> n.id().value()).containsExactly("gpu-1", "web-10", "web-2");
    }

    @Test
    void heartbeatRecordsTimeAndResources() {
        nodes().saveEnrolment(node("worker-1"));

        assertThat(nodes().recordHeartbeat(WORKER, at(30), richResources())).isTrue();

        NodeRecord after = nodes().findNode(WORKER).orElseThrow();
        assertThat(after.lastHeartbeat()).contains(at(30));
        assertThat(after.resources()).isEqualTo(richResources());
    }

    @Test
    void heartbeatOfAnUnknownNodeReportsFalse() {
        assertThat(nodes().recordHeartbeat(WORKER, at(30), NodeResources.NONE)).isFalse();
    }

    @Test
    void heartbeatsInOneBatchUpdateEveryKnownNode() {
        nodes().saveEnrolment(node("a"));
        nodes().saveEnrolment(node("b"));
        NodeResources small = new NodeResources(2, 0.5, 100, 50, 1000, 10, List.of());

        int updated = nodes().recordHeartbeats(Map.of(
                NodeId.of("a"), new Heartbeat(at(1), small),
                NodeId.of("b"), new Heartbeat(at(2), richResources()),
                NodeId.of("ghost"), new Heartbeat(at(3), small)));

        assertThat(updated).isEqualTo(2);
        assertThat(nodes().findNode(NodeId.of("a")).orElseThrow().resources()).isEqualTo(small);
        assertThat(nodes().findNode(NodeId.of("b")).orElseThrow().lastHeartbeat()).contains(at(2));
    }

    @Test
    void drainFlagIsSetAndCleared() {
        nodes().saveEnrolment(node("worker-1"));

        assertThat(nodes().setDrained(WORKER, true)).isTrue();
        assertThat(nodes().findNode(WORKER).orElseThrow().drained()).isTrue();
        assertThat(nodes().setDrained(WORKER, false)).isTrue();
        assertThat(nodes().findNode(WORKER).orElseThrow().drained()).isFalse();
    }

    @Test
    void labelsAreReplacedWhole() {
        nodes().saveEnrolment(node("worker-1"));
        nodes().setLabels(WORKER, Map.of("a", "1", "b", "2"));

        assertThat(nodes().setLabels(WORKER, Map.of("c", "=;:\n3"))).isTrue();

        assertThat(nodes().findNode(WORKER).orElseThrow().labels()).containsExactlyEntriesOf(Map.of("c", "=;:\n3"));
    }

    @Test
    void changesToAnUnknownNodeReportFalse() {
        assertThat(nodes().setDrained(WORKER, true)).isFalse();
        assertThat(nodes().setLabels(WORKER, Map.of())).isFalse();
        assertThat(nodes().revokeNode(WORKER, T0)).isFalse();
    }

    @Test
    void nodeIsRevokedOnce() {
        nodes().saveEnrolment(node("worker-1"));

        assertThat(nodes().revokeNode(WORKER, at(9))).isTrue();
        assertThat(nodes().revokeNode(WORKER, at(10))).isFalse();

        assertThat(nodes().findNode(WORKER).orElseThrow().revokedAt()).contains(at(9));
    }
}
