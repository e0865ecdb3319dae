package org.safeguarding.hub.intake;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/** Lists quarantined records and replays them through the current adapters and rules. */
public final class Quarantine {

    private static final String SELECT = """
            SELECT q.id, m.receipt_id, q.position, q.agency_id, q.feed, q.field, q.reason, q.status, q.created_at,
                   q.raw_record, m.id, m.received_at, q.rejected_value
            FROM quarantine q JOIN inbound_message m ON m.id = q.message_id""";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final MessageStore store;

    public Quarantine(JdbcTemplate jdbc, TransactionTemplate transactions, MessageStore store) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.store = store;
    }

    /**
     * Entries with {@code status}, newest first; of one agency, or of all when {@code agencyId} is null.
     * {@code withRawRecord} is the sending partner's view: the raw record and the rejected value. Without
     * it (a hub administrator's view) an entry holds no child-level content: field and rule only.
     */
    public List<QuarantineEntry> list(String agencyId, String status, boolean withRawRecord, int limit) {
        return jdbc.query(SELECT + " WHERE q.status = ? AND (?::text IS NULL OR q.agency_id = ?::text)"
                        + " ORDER BY q.created_at DESC, q.position LIMIT ?",
                mapper(withRawRecord), status, agencyId, agencyId, limit);
    }

    public Optional<QuarantineEntry> find(UUID id) {
        return jdbc.query(SELECT + " WHERE q.id = ?", mapper(true), id).stream().findFirst();
    }

    /**
     * Re-reads the raw record with {@code reparse} (the feed's current adapter) and, if it now
     * passes, stores it as the original message's record at its original position: provenance is
     * unchanged, the record's outcome becomes accepted (or duplicate) and the entry is closed.
     * If it still fails, the entry stays open with the new reason.
     */
    public RecordOutcome replay(UUID id, Function<QuarantineEntry, ParsedRecord> reparse, Instant now) {
        return transactions.execute(status -> {
            var row = jdbc.query(SELECT + " WHERE q.id = ? AND q.status = 'open' FOR UPDATE OF q",
                    (rs, n) -> new Object[] {mapper(true).mapRow(rs, n), rs.getObject(11, UUID.class)}, id).stream().findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no open quarantine entry " + id));
            QuarantineEntry entry = (QuarantineEntry) row[0];
            UUID messageId = (UUID) row[1];
            ParsedRecord record = store.refused(store.route(entry.agency(), reparse.apply(entry)), entry.messageReceivedAt());
            if (record instanceof ParsedRecord.Invalid invalid) {
                RejectionReason why = invalid.rejection();
                jdbc.update("UPDATE quarantine SET reason = ?, field = ?, rejected_value = ? WHERE id = ?",
                        why.rule(), why.field(), why.value(), id);
                jdbc.update("UPDATE record_outcome SET reason = ?, field = ?, rejected_value = ? WHERE message_id = ? AND position = ?",
                        why.rule(), why.field(), why.value(), messageId, entry.position());
                return RecordOutcome.rejected(entry.position(), why);
            }
            RecordOutcome outcome = store.place(entry.agency(), messageId, entry.messageReceivedAt(),
                    List.of((ParsedRecord.Valid) record)).get(0);
            jdbc.update("""
                    UPDATE record_outcome SET outcome = ?, record_type = ?, record_id = ?, reason = NULL, field = NULL,
                                          rejected_value = NULL, warnings = ?::jsonb
                    WHERE message_id = ? AND position = ?""", outcome.outcome(), outcome.recordType(), outcome.recordId(),
                    Receipts.warnings(outcome), messageId, entry.position());
            String counter = outcome.outcome().equals(RecordOutcome.ACCEPTED) ? "accepted_count" : "duplicate_count";
            jdbc.update("UPDATE inbound_message SET rejected_count = rejected_count - 1, " + counter + " = " + counter
                    + " + 1 WHERE id = ?", messageId);
            jdbc.update("UPDATE quarantine SET status = 'replayed', resolved_at = ? WHERE id = ?",
                    OffsetDateTime.ofInstant(now, java.time.ZoneOffset.UTC), id);
            return outcome;
        });
    }

    private static RowMapper<QuarantineEntry> mapper(boolean withRawRecord) {
        return (rs, n) -> new QuarantineEntry(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getInt(3),
                rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                rs.getObject(9, OffsetDateTime.class).toInstant(),
                rs.getObject(12, OffsetDateTime.class).toInstant(), withRawRecord ? rs.getString(13) : null,
                withRawRecord ? rs.getString(10) : null);
    }
}
