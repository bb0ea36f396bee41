package io.resourcepool.api.spi.store;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * The verdict of checking the audit log's hash chain.
 *
 * @param intact true when every row is as written
 * @param rowsChecked rows found intact before the first fault (all of them when intact)
 * @param firstBadRow the sequence number of the first row at fault, empty when intact
 * @param problem what is wrong, empty when intact
 */
public record AuditVerification(boolean intact, long rowsChecked, OptionalLong firstBadRow, String problem) {
    /** Checks the fields. */
    public AuditVerification {
        Objects.requireNonNull(firstBadRow, "firstBadRow must be given");
        Objects.requireNonNull(problem, "problem must be given");
    }

    /**
     * An intact log.
     *
     * @param rows how many rows were checked
     * @return the verdict
     */
    public static AuditVerification intact(long rows) {
        return new AuditVerification(true, rows, OptionalLong.empty(), "");
    }

    /**
     * A broken log.
     *
     * @param rowsChecked rows intact before the fault
     * @param badRow the first row at fault
     * @param problem what is wrong
     * @return the verdict
     */
    public static AuditVerification broken(long rowsChecked, long badRow, String problem) {
        return new AuditVerification(false, rowsChecked, OptionalLong.of(badRow), problem);
    }
}
