package io.resourcepool.core.protocol;

import io.resourcepool.api.ProtocolException;
import io.resourcepool.api.spi.store.AuditEvent;
import java.util.List;

/** Reading and checking the audit log (admins only). */
public sealed interface AuditMessage extends Message {
    /** The most rows one AUDIT_LIST returns, so that the answer always fits in a frame. */
    int MAX_ROWS = 500;

    /**
     * Search audit rows, newest first: as AUDIT_LIST, and only rows at or after a time. Answered with AUDIT_LIST_RESULT.
     *
     * @param requestId the request id
     * @param actor only rows by this actor; empty for any
     * @param actionPrefix only rows whose action starts with this; empty for any
     * @param sinceEpochMillis only rows at or after this time (Unix milliseconds); 0 for any
     * @param limit at most this many rows, 1 to {@value #MAX_ROWS}
     */
    record AuditSearch(long requestId, String actor, String actionPrefix, long sinceEpochMillis, int limit) implements AuditMessage, Request {
        /** Checks the fields. */
        public AuditSearch {
            WireLimits.requestId(requestId);
            WireLimits.text(actor, "actor", WireLimits.SHORT_TEXT_CHARS);
            WireLimits.text(actionPrefix, "actionPrefix", WireLimits.SHORT_TEXT_CHARS);
            if (sinceEpochMillis < 0) {
                throw new ProtocolException("sinceEpochMillis must be 0 or more, was " + sinceEpochMillis);
            }
            if (limit < 1 || limit > MAX_ROWS) {
                throw new ProtocolException("limit must be between 1 and " + MAX_ROWS + ", was " + limit);
            }
        }
    }

    /**
     * List audit rows, newest first.
     *
     * @param requestId the request id
     * @param actor only rows by this actor; empty for any
     * @param actionPrefix only rows whose action starts with this; empty for any
     * @param limit at most this many rows, 1 to {@value #MAX_ROWS}
     */
    record AuditList(long requestId, String actor, String actionPrefix, int limit) implements AuditMessage, Request {
        /** Checks the fields. */
        public AuditList {
            WireLimits.requestId(requestId);
            WireLimits.text(actor, "actor", WireLimits.SHORT_TEXT_CHARS);
            WireLimits.text(actionPrefix, "actionPrefix", WireLimits.SHORT_TEXT_CHARS);
            if (limit < 1 || limit > MAX_ROWS) {
                throw new ProtocolException("limit must be between 1 and " + MAX_ROWS + ", was " + limit);
            }
        }
    }

    /**
     * One audit row as admins see it (without its hashes).
     *
     * @param seq its position in the log, from 1
     * @param at when it happened, epoch milliseconds
     * @param actor who did it
     * @param action what kind of thing happened
     * @param target what it was done to, empty when nothing in particular
     * @param sourceAddress where the request came from, empty when not from the network
     * @param detail more words, empty when none
     */
    record WireAuditEntry(long seq, long at, String actor, String action, String target, String sourceAddress, String detail) {
        /** Checks the fields. */
        public WireAuditEntry {
            WireLimits.text(actor, "actor", AuditEvent.MAX_FIELD_CHARS);
            WireLimits.text(action, "action", AuditEvent.MAX_FIELD_CHARS);
            WireLimits.text(target, "target", AuditEvent.MAX_FIELD_CHARS);
            WireLimits.text(sourceAddress, "sourceAddress", AuditEvent.MAX_FIELD_CHARS);
            WireLimits.text(detail, "detail", AuditEvent.MAX_FIELD_CHARS);
        }
    }

    /**
     * The answer to AUDIT_LIST.
     *
     * @param requestId the id of the AUDIT_LIST
     * @param entries the rows, newest first
     */
    record AuditListResult(long requestId, List<WireAuditEntry> entries) implements AuditMessage {
        /** Checks the fields. */
        public AuditListResult {
            entries = WireLimits.list(entries, "entries");
        }
    }

    /**
     * Check the audit log's hash chain.
     *
     * @param requestId the request id
     */
    record AuditVerify(long requestId) implements AuditMessage, Request {
        /** Checks the fields. */
        public AuditVerify {
            WireLimits.requestId(requestId);
        }
    }

    /**
     * The answer to AUDIT_VERIFY.
     *
     * @param requestId the id of the AUDIT_VERIFY
     * @param intact true when every row is as written
     * @param rowsChecked rows found intact before the first fault (all of them when intact)
     * @param firstBadRow the sequence number of the first row at fault, 0 when intact
     * @param problem what is wrong, empty when intact
     */
    record AuditVerifyResult(long requestId, boolean intact, long rowsChecked, long firstBadRow, String problem) implements AuditMessage {
        /** Checks the fields. */
        public AuditVerifyResult {
            WireLimits.text(problem, "problem", WireLimits.TEXT_CHARS);
        }
    }
}
