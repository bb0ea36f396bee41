package io.resourcepool.core.audit;

import io.resourcepool.api.ConfigurationException;
import io.resourcepool.api.spi.store.AuditEntry;
import io.resourcepool.api.spi.store.AuditLog;
import io.resourcepool.api.spi.store.AuditQuery;
import io.resourcepool.api.spi.store.AuditVerification;
import io.resourcepool.core.auth.AuditKey;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Anchors the audit log outside the database, so that someone who can write the database but not the hub's
 * data directory cannot rewrite it unseen: the store keys the chain with the {@link AuditKey}; this writes
 * signed checkpoints of the head and the Merkle root of each whole UTC day to the {@link AnchorFile}, and
 * checks the log against them. A keyed chain alone does not show the newest rows deleted with the head moved
 * back; the checkpoints do, for every row a checkpoint saw.
 *
 * <p>Each signed line also goes to the listeners given (a syslog forwarder, an alert webhook), so that a copy
 * lives off the machine.
 */
public final class AuditAnchor {
    private static final Logger log = LoggerFactory.getLogger(AuditAnchor.class);

    private final AuditLog audit;
    private final AuditKey key;
    private final AnchorFile file;
    private final InstantSource clock;
    private final List<Consumer<String>> copies;
    private final Consumer<AuditVerification> onBroken;

    /**
     * @param audit the store's audit log, already keyed with {@code key}
     * @param key the audit key
     * @param settings where the anchor file is
     * @param clock the time of checkpoints and the current day
     * @param copies each gets every signed line as written, to keep a copy elsewhere; must not block long
     * @param onBroken told of every verification that found the log broken, for alerts
     */
    public AuditAnchor(AuditLog audit, AuditKey key, AnchorSettings settings, InstantSource clock, List<Consumer<String>> copies,
            Consumer<AuditVerification> onBroken) {
        this.audit = Objects.requireNonNull(audit, "audit must be given");
        this.key = Objects.requireNonNull(key, "key must be given");
        this.file = new AnchorFile(settings.file(), key.checkpointKey());
        this.clock = Objects.requireNonNull(clock, "clock must be given");
        this.copies = List.copyOf(copies);
        this.onBroken = Objects.requireNonNull(onBroken, "onBroken must be given");
    }

    /**
     * Writes a checkpoint of the head, after the roots of whole days that have none; finding such days takes a
     * verification, which is done once a day. Writes nothing when that verification finds the log broken.
     *
     * @return the verdict of the verification made, empty when none was needed
     */
    public synchronized Optional<AuditVerification> checkpoint() {
        AnchorFile.Contents contents = file.read();
        if (contents.problem().isEmpty() && !dayEndedSinceLastRoot(contents.lines())) {
            writeHead();
            return Optional.empty();
        }
        return Optional.of(verify());
    }

    /**
     * Checks every row against the keyed chain, the recorded head, the checkpoints and the day roots, and
     * names the first row that disagrees. When intact, writes the roots of whole days that had none and a
     * checkpoint of the head; when broken, writes nothing (a checkpoint must never bless a tampered head) and
     * tells the listener.
     *
     * @return the verdict
     */
    public synchronized AuditVerification verify() {
        AnchorFile.Contents contents = file.read();
        AuditVerification verdict = contents.problem().isEmpty() ? walk(contents.lines()) : anchorBroken(contents);
        if (!verdict.intact()) {
            log.warn("the audit log does not verify: {}", verdict.problem());
            onBroken.accept(verdict);
        }
        return verdict;
    }

    private AuditVerification walk(List<AnchorLine> lines) {
        Optional<AuditVerification> cutOver = cutOverMoved(lines);
        if (cutOver.isPresent()) {
            return cutOver.get();
        }
        OutsideRecord outside = new OutsideRecord(lines, today());
        AuditVerification verdict = audit.verify(outside);
        if (verdict.intact()) {
            anchor(outside.newRoots());
        }
        return verdict;
    }

    /**
     * Writes the new roots and a checkpoint; a file that cannot be written (a full disk) does not turn an intact
     * verification into a failure: it is logged, and the next checkpoint tries again.
     */
    private void anchor(List<AnchorLine.DayRoot> roots) {
        try {
            roots.forEach(this::write);
            writeHead();
        } catch (ConfigurationException e) {
            log.warn("the audit log verified, but its checkpoint could not be written: {}", e.getMessage());
        }
    }

    /** The first keyed row is in every checkpoint: moving it (to pass a rewrite off as old unkeyed rows) shows. */
    private Optional<AuditVerification> cutOverMoved(List<AnchorLine> lines) {
        for (AnchorLine line : lines) {
            if (line instanceof AnchorLine.Checkpoint c && c.firstKeyedRow() != key.firstKeyedRow()) {
                long row = Math.min(c.firstKeyedRow(), key.firstKeyedRow());
                return Optional.of(AuditVerification.broken(row - 1, row, "the checkpoint of " + c.at() + " has the chain keyed from row "
                        + c.firstKeyedRow() + " but " + AuditKey.FIRST_ROW_FILE + " says row " + key.firstKeyedRow()));
            }
        }
        return Optional.empty();
    }

    private AuditVerification anchorBroken(AnchorFile.Contents contents) {
        long row = contents.lines().stream().filter(AnchorLine.Checkpoint.class::isInstance).map(AnchorLine.Checkpoint.class::cast)
                .mapToLong(AnchorLine.Checkpoint::sequence).max().orElse(0) + 1;
        return AuditVerification.broken(row - 1, row, contents.problem());
    }

    private boolean dayEndedSinceLastRoot(List<AnchorLine> lines) {
        LocalDate lastRooted = lines.stream().filter(AnchorLine.DayRoot.class::isInstance).map(l -> ((AnchorLine.DayRoot) l).day())
                .max(LocalDate::compareTo).orElse(LocalDate.MIN);
        Optional<LocalDate> lastCheckpointDay = lines.stream().filter(AnchorLine.Checkpoint.class::isInstance)
                .map(l -> ((AnchorLine.Checkpoint) l).at().atOffset(ZoneOffset.UTC).toLocalDate()).max(LocalDate::compareTo);
        // a day needs a root when a checkpoint saw rows on a day before today that no root covers yet
        return lastCheckpointDay.map(d -> d.isAfter(lastRooted) && d.isBefore(today())).orElse(false);
    }

    private void writeHead() {
        List<AuditEntry> newest = audit.list(AuditQuery.latest(1));
        if (newest.isEmpty()) {
            return;
        }
        AuditEntry head = newest.getFirst();
        write(new AnchorLine.Checkpoint(head.sequence(), head.hash(), clock.instant(), key.firstKeyedRow()));
    }

    private void write(AnchorLine line) {
        String signed = file.append(line);
        for (Consumer<String> copy : copies) {
            try {
                copy.accept(signed);
            } catch (RuntimeException e) {
                log.warn("could not send an audit checkpoint to a copy: {}", e.toString());
            }
        }
    }

    private LocalDate today() {
        return clock.instant().atOffset(ZoneOffset.UTC).toLocalDate();
    }
}
