package org.safeguarding.hub.intake;

import org.safeguarding.hub.database.SqlRow;
import org.safeguarding.hub.database.SqlTime;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/** Lists quarantined records and replays them through the current adapters and rules. */
public final class Quarantine {

    private static final String SELECT = """
            SELECT q.id, m.receipt_id, q.position, q.agency_id, q.feed, q.field, q.reason, q.status, q.created_at,
                   q.raw_record, m.id AS message_id, m.received_at, q.rejected_value
            FROM quarantine q JOIN inbound_message m ON m.id = q.message_id""";

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final MessageStore store;

    public Quarantine(JdbcClient jdbc, TransactionTemplate transactions, MessageStore store) {
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
        return jdbc.sql(SELECT + " WHERE q.status = :status AND (CAST(:agency AS text) IS NULL OR q.agency_id = :agency)"
                        + " ORDER BY q.created_at DESC, q.position LIMIT :limit")
                .paramSource(new SqlRow().text("status", status).text("agency", agencyId).integer("limit", limit))
                .query(mapper(withRawRecord)).list();
    }

    public Optional<QuarantineEntry> find(UUID id) {
        return jdbc.sql(SELECT + " WHERE q.id = :id").param("id", id).query(mapper(true)).optional();
    }

    /**
     * Re-reads the raw record with {@code reparse} (the feed's current adapter) and, if it now
     * passes, stores it as the original message's record at its original position: provenance is
     * unchanged, the record's outcome becomes accepted (or duplicate) and the entry is closed.
     * If it still fails, the entry stays open with the new reason.
     */
    public RecordOutcome replay(UUID id, Function<QuarantineEntry, ParsedRecord> reparse, Instant now) {
        record Open(QuarantineEntry entry, UUID messageId) {
        }
        return transactions.execute(status -> {
            RowMapper<QuarantineEntry> entries = mapper(true);
            Open open = jdbc.sql(SELECT + " WHERE q.id = :id AND q.status = 'open' FOR UPDATE OF q").param("id", id)
                    .query((rs, n) -> new Open(entries.mapRow(rs, n), rs.getObject("message_id", UUID.class))).optional()
                    .orElseThrow(() -> new IllegalArgumentException("no open quarantine entry " + id));
            QuarantineEntry entry = open.entry();
            UUID messageId = open.messageId();
            ParsedRecord record = store.refused(store.route(entry.agency(), reparse.apply(entry)), entry.messageReceivedAt());
            if (record instanceof ParsedRecord.Invalid invalid) {
                RejectionReason why = invalid.rejection();
                SqlRow reason = new SqlRow().text("reason", why.rule()).text("field", why.field()).text("value", why.value())
                        .uuid("id", id).uuid("message", messageId).integer("position", entry.position());
                jdbc.sql("UPDATE quarantine SET reason = :reason, field = :field, rejected_value = :value WHERE id = :id")
                        .paramSource(reason).update();
                jdbc.sql("""
                        UPDATE record_outcome SET reason = :reason, field = :field, rejected_value = :value
                        WHERE message_id = :message AND position = :position""").paramSource(reason).update();
                return RecordOutcome.rejected(entry.position(), why);
            }
            RecordOutcome outcome = store.place(entry.agency(), messageId, entry.messageReceivedAt(),
                    List.of((ParsedRecord.Valid) record)).get(0);
            jdbc.sql("""
                    UPDATE record_outcome SET outcome = :outcome, record_type = :recordType, record_id = :recordId,
                                              reason = NULL, field = NULL, rejected_value = NULL,
                                              warnings = CAST(:warnings AS jsonb)
                    WHERE message_id = :message AND position = :position""")
                    .paramSource(Receipts.outcome(new SqlRow().uuid("message", messageId)
                            .integer("position", entry.position()), outcome)).update();
            String counter = outcome.outcome().equals(RecordOutcome.ACCEPTED) ? "accepted_count" : "duplicate_count";
            jdbc.sql("UPDATE inbound_message SET rejected_count = rejected_count - 1, " + counter + " = " + counter
                    + " + 1 WHERE id = :message").param("message", messageId).update();
            jdbc.sql("UPDATE quarantine SET status = 'replayed', resolved_at = :at WHERE id = :id")
                    .paramSource(new SqlRow().instant("at", now).uuid("id", id)).update();
            return outcome;
        });
    }

    private static RowMapper<QuarantineEntry> mapper(boolean withRawRecord) {
        return (rs, n) -> new QuarantineEntry(rs.getObject("id", UUID.class), rs.getObject("receipt_id", UUID.class),
                rs.getInt("position"), rs.getString("agency_id"), rs.getString("feed"), rs.getString("field"),
                rs.getString("reason"), rs.getString("status"), SqlTime.instant(rs, "created_at"),
                SqlTime.instant(rs, "received_at"), withRawRecord ? rs.getString("rejected_value") : null,
                withRawRecord ? rs.getString("raw_record") : null);
    }
}
