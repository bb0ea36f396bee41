package io.resourcepool.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.resourcepool.api.spi.store.AuditEntry;
import io.resourcepool.api.spi.store.AuditEvent;
import io.resourcepool.api.spi.store.AuditHead;
import io.resourcepool.api.spi.store.AuditQuery;
import io.resourcepool.api.spi.store.AuditVerification;
import io.resourcepool.core.auth.AuditKey;
import io.resourcepool.testkit.store.InMemoryStore;
import io.resourcepool.testkit.time.ManualClock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditAnchorTest {
    @TempDir
    Path dir;

    private final ManualClock clock = ManualClock.start();
    private final InMemoryStore store = new InMemoryStore();
    private final List<String> copies = new ArrayList<>();
    private final List<AuditVerification> alerts = new ArrayList<>();
    private AuditKey key;
    private AuditAnchor anchor;
    private Path file;

    @BeforeEach
    void keyedStore() {
        store.open();
        key = AuditKey.openOrCreate(dir, () -> 1);
        store.audit().useChain(key.chain());
        file = dir.resolve("elsewhere").resolve("audit-checkpoints");
        anchor = new AuditAnchor(store.audit(), key, new AnchorSettings(file, Duration.ofMinutes(10)), clock, List.of(copies::add), alerts::add);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void verifyWritesASignedCheckpointOfTheHeadToTheFileAndEveryCopy() throws IOException {
        appendRows(3);

        assertThat(anchor.verify()).isEqualTo(AuditVerification.intact(3));

        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(1);
        assertThat(lines.getFirst()).startsWith("checkpoint seq=3 hash=" + newest().hash() + " at=" + clock.instant() + " keyed-from=1 mac=");
        assertThat(copies).isEqualTo(lines);
        assertThat(alerts).isEmpty();
    }

    @Test
    void newestRowsRemovedWithTheHeadMovedBackAreNamedByTheCheckpoint() {
        appendRows(5);
        anchor.verify();
        AuditEntry third = store.audit().list(AuditQuery.latest(10)).get(2);
        store.removeAuditRow(5);
        store.removeAuditRow(4);
        store.moveAuditHead(new AuditHead(3, third.hash()));

        AuditVerification verdict = anchor.verify();

        assertThat(verdict.firstBadRow()).isEqualTo(OptionalLong.of(4));
        assertThat(verdict.problem()).contains("rows 4 to 5 are missing", "checkpoint");
        assertThat(alerts).containsExactly(verdict);
    }

    @Test
    void aBrokenLogGetsNoNewCheckpoint() throws IOException {
        appendRows(3);
        anchor.verify();
        store.removeAuditRow(3);

        anchor.verify();

        assertThat(Files.readAllLines(file, StandardCharsets.UTF_8)).hasSize(1);
    }

    @Test
    void anEditedCheckpointLineIsNamed() throws IOException {
        appendRows(3);
        anchor.verify();
        String line = Files.readString(file, StandardCharsets.UTF_8);
        Files.writeString(file, line.replace("checkpoint seq=3", "checkpoint seq=2"), StandardCharsets.UTF_8);

        AuditVerification verdict = anchor.verify();

        assertThat(verdict.intact()).isFalse();
        assertThat(verdict.problem()).contains("line 1 of " + file, "not signed");
    }

    @Test
    void aMovedCutOverIsNamed() throws IOException {
        appendRows(3);
        anchor.verify();
        Files.writeString(dir.resolve(AuditKey.FIRST_ROW_FILE), "100\n", StandardCharsets.UTF_8);
        AuditKey moved = AuditKey.openOrCreate(dir, () -> 1);
        AuditAnchor fooled = new AuditAnchor(store.audit(), moved, new AnchorSettings(file, Duration.ofMinutes(10)), clock, List.of(), v -> {});

        AuditVerification verdict = fooled.verify();

        assertThat(verdict.firstBadRow()).isEqualTo(OptionalLong.of(1));
        assertThat(verdict.problem()).contains("keyed from row 1", "says row 100");
    }

    @Test
    void theFirstCheckpointOfANewDayWritesTheRootOfEachWholeDay() throws IOException {
        appendRows(3);
        anchor.checkpoint();
        clock.advance(Duration.ofDays(1));
        appendRows(2);
        clock.advance(Duration.ofDays(1));

        assertThat(anchor.checkpoint()).as("a verification is made once a day has ended").contains(AuditVerification.intact(5));
        anchor.checkpoint();

        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<AuditEntry> rows = store.audit().list(AuditQuery.latest(10)).reversed();
        assertThat(lines).filteredOn(l -> l.startsWith("root ")).extracting(l -> l.substring(0, l.indexOf(" mac="))).containsExactly(
                "root day=2030-01-01 first=1 last=3 root=" + MerkleRoot.of(rows.subList(0, 3).stream().map(AuditEntry::hash).toList()),
                "root day=2030-01-02 first=4 last=5 root=" + MerkleRoot.of(rows.subList(3, 5).stream().map(AuditEntry::hash).toList()));
        assertThat(lines).filteredOn(l -> l.startsWith("checkpoint ")).hasSize(3);
        assertThat(anchor.verify()).isEqualTo(AuditVerification.intact(5));
    }

    /**
     * Rows are numbered in the order they are written, not stamped: a row stamped a moment before midnight can be
     * written after one stamped after it (another hub's, or one whose event was stamped before its write). It counts
     * in the day of the row before it, so the day just ended is rooted over the rows before the first of today, and
     * the root still verifies once the late row is there.
     */
    @Test
    void aRowStampedBeforeMidnightButWrittenAfterARowOfTheNewDayCountsInTheNewDay() throws IOException {
        Instant lastMinute = clock.instant().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.DAYS).minusMillis(1);
        appendRows(3);
        anchor.checkpoint();
        clock.set(lastMinute.plusMillis(2));
        appendRows(1);
        store.audit().append(new AuditEvent(lastMinute, "bob", "late.row", "", "", ""));

        assertThat(anchor.checkpoint()).as("the first checkpoint of the new day roots the day before").contains(AuditVerification.intact(5));
        clock.advance(Duration.ofDays(1));
        assertThat(anchor.checkpoint()).contains(AuditVerification.intact(5));

        assertThat(Files.readAllLines(file, StandardCharsets.UTF_8)).filteredOn(l -> l.startsWith("root ")).extracting(l -> l.substring(0,
                l.indexOf(" root=", 5))).containsExactly("root day=2030-01-01 first=1 last=3", "root day=2030-01-02 first=4 last=5");
        assertThat(anchor.verify()).isEqualTo(AuditVerification.intact(5));
    }

    @Test
    void aCheckpointWithinTheDayDoesNotWalkTheLog() {
        appendRows(3);

        assertThat(anchor.checkpoint()).isEmpty();
        assertThat(anchor.checkpoint()).isEmpty();
    }

    @Test
    void anIntactLogStillVerifiesWhenItsCheckpointCannotBeWritten() throws IOException {
        appendRows(2);
        Path notADirectory = Files.writeString(dir.resolve("not-a-directory"), "");
        Path unwritable = notADirectory.resolve("audit-checkpoints");
        AuditAnchor blocked = new AuditAnchor(store.audit(), key, new AnchorSettings(unwritable, Duration.ofMinutes(10)), clock, List.of(),
                alerts::add);

        assertThat(blocked.verify()).isEqualTo(AuditVerification.intact(2));
        assertThat(alerts).isEmpty();
    }

    private void appendRows(int count) {
        IntStream.range(0, count).forEach(i -> store.audit().append(new AuditEvent(clock.instant(), "alice", "action." + i, "", "", "")));
    }

    private AuditEntry newest() {
        return store.audit().list(AuditQuery.latest(1)).getFirst();
    }
}
