package io.resourcepool.core.audit;

import io.resourcepool.api.spi.store.AuditEntry;
import io.resourcepool.api.spi.store.AuditVerification;
import io.resourcepool.api.spi.store.AuditWitness;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The anchor file's checkpoints and day roots as a witness for one walk of the log: each checkpointed row must
 * still have the hash the checkpoint saw, each rooted day's rows must still give its root, and no row a
 * checkpoint or root saw may be missing. On the way it gathers the rows of whole UTC days that have no root yet,
 * so the caller can write their roots after an intact walk.
 */
final class OutsideRecord implements AuditWitness {
    private final Map<Long, AnchorLine.Checkpoint> checkpoints = new HashMap<>();
    private final Map<Long, AnchorLine.DayRoot> rootsByFirstRow = new HashMap<>();
    private final LocalDate today;
    private long lastSeen;
    private String lastSeenBy = "";
    private long lastRooted;
    private LocalDate lastRootedDay = LocalDate.MIN;
    private Optional<AnchorLine.DayRoot> checkingRoot = Optional.empty();
    private final List<String> checkingLeaves = new ArrayList<>();
    private final List<AnchorLine.DayRoot> newRoots = new ArrayList<>();
    private LocalDate gatheringDay = LocalDate.MIN;
    /** The day the last row walked counts in. */
    private LocalDate previousDay = LocalDate.MIN;
    private long gatheringFrom;
    private final List<String> gathering = new ArrayList<>();

    /**
     * @param lines the anchor file's lines
     * @param today the current UTC day: its rows are not whole yet and get no root
     */
    OutsideRecord(List<AnchorLine> lines, LocalDate today) {
        this.today = today;
        for (AnchorLine line : lines) {
            switch (line) {
                case AnchorLine.Checkpoint c -> {
                    checkpoints.putIfAbsent(c.sequence(), c);
                    saw(c.sequence(), "the checkpoint of " + c.at());
                }
                case AnchorLine.DayRoot r -> {
                    rootsByFirstRow.putIfAbsent(r.firstRow(), r);
                    saw(r.lastRow(), "the root of " + r.day());
                    if (r.lastRow() > lastRooted) {
                        lastRooted = r.lastRow();
                        lastRootedDay = r.day();
                    }
                }
            }
        }
    }

    @Override
    public Optional<String> check(AuditEntry row) {
        AnchorLine.Checkpoint c = checkpoints.get(row.sequence());
        if (c != null && !c.hash().equals(row.hash())) {
            return Optional.of("row " + row.sequence() + " differs from the checkpoint of " + c.at() + " (the chain was rewritten from here on)");
        }
        Optional<String> rootProblem = checkRoot(row);
        gather(row);
        return rootProblem;
    }

    @Override
    public Optional<AuditVerification> end(long lastRow) {
        if (lastSeen > lastRow) {
            return Optional.of(AuditVerification.broken(lastRow, lastRow + 1,
                    "rows " + (lastRow + 1) + " to " + lastSeen + " are missing: " + lastSeenBy + " saw row " + lastSeen));
        }
        return Optional.empty();
    }

    /** The roots of whole days the walk found with no root yet, in order; ask after an intact walk. */
    List<AnchorLine.DayRoot> newRoots() {
        List<AnchorLine.DayRoot> all = new ArrayList<>(newRoots);
        if (!gathering.isEmpty() && gatheringDay.isBefore(today)) {
            all.add(new AnchorLine.DayRoot(gatheringDay, gatheringFrom, gatheringFrom + gathering.size() - 1, MerkleRoot.of(gathering)));
        }
        return all;
    }

    private void saw(long row, String by) {
        if (row > lastSeen) {
            lastSeen = row;
            lastSeenBy = by;
        }
    }

    private Optional<String> checkRoot(AuditEntry row) {
        AnchorLine.DayRoot starting = rootsByFirstRow.get(row.sequence());
        if (starting != null && checkingRoot.isEmpty()) {
            checkingRoot = Optional.of(starting);
            checkingLeaves.clear();
        }
        if (checkingRoot.isEmpty()) {
            return Optional.empty();
        }
        AnchorLine.DayRoot root = checkingRoot.get();
        checkingLeaves.add(row.hash());
        if (row.sequence() < root.lastRow()) {
            return Optional.empty();
        }
        checkingRoot = Optional.empty();
        if (!MerkleRoot.of(checkingLeaves).equals(root.root())) {
            return Optional.of("rows " + root.firstRow() + " to " + root.lastRow() + " do not give the Merkle root recorded for " + root.day());
        }
        return Optional.empty();
    }

    /**
     * Days are contiguous runs of rows: a row stamped earlier than the one before it counts in that one's day, today's
     * included (rows are numbered as they are written, and one stamped before midnight may be written after one
     * stamped after it).
     */
    private void gather(AuditEntry row) {
        if (row.sequence() <= lastRooted) {
            return;
        }
        LocalDate day = row.event().at().atOffset(ZoneOffset.UTC).toLocalDate();
        if (day.isBefore(previousDay)) {
            day = previousDay;
        }
        if (!day.isAfter(lastRootedDay) && lastRooted > 0) {
            day = lastRootedDay.plusDays(1);
        }
        previousDay = day;
        if (!day.isBefore(today)) {
            return; // today's rows are not whole yet: no need to hold their hashes
        }
        if (!day.equals(gatheringDay)) {
            if (!gathering.isEmpty()) {
                newRoots.add(new AnchorLine.DayRoot(gatheringDay, gatheringFrom, gatheringFrom + gathering.size() - 1, MerkleRoot.of(gathering)));
            }
            gathering.clear();
            gatheringDay = day;
            gatheringFrom = row.sequence();
        }
        gathering.add(row.hash());
    }
}
