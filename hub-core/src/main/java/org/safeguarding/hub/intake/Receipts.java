package org.safeguarding.hub.intake;

import org.safeguarding.hub.database.SqlRow;
import org.safeguarding.hub.database.SqlTime;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Reads receipts back: the original one for a re-sent message, or one a partner asks for. */
public final class Receipts {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;

    public Receipts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The receipt of the message this agency already sent to this feed with this partner message id or
     * this content. A message is a re-send only on its own feed: the same bytes sent to another feed are
     * that feed's message (V81).
     *
     * @param feed the feed's code ({@code Feed.code()})
     */
    public Optional<Receipt> original(String agencyId, String feed, String partnerMessageId, String contentHash) {
        // Two indexed look-ups (inbound_message_partner_id, inbound_message_content) rather than one OR.
        List<UUID> ids = partnerMessageId == null ? List.of() : jdbc.sql("""
                        SELECT id FROM inbound_message
                        WHERE agency_id = :agency AND feed = :feed AND partner_message_id = :partnerMessageId""")
                .param("agency", agencyId).param("feed", feed).param("partnerMessageId", partnerMessageId)
                .query(UUID.class).list();
        if (ids.isEmpty()) {
            ids = jdbc.sql("SELECT id FROM inbound_message WHERE agency_id = :agency AND feed = :feed AND content_hash = :contentHash")
                    .param("agency", agencyId).param("feed", feed).param("contentHash", contentHash).query(UUID.class).list();
        }
        return ids.stream().findFirst().flatMap(this::ofMessage).map(Receipt::asResent);
    }

    /** The receipt with this id, if it belongs to {@code agencyId} (a partner reads only its own). */
    public Optional<Receipt> byReceiptId(UUID receiptId, String agencyId) {
        return jdbc.sql("SELECT id FROM inbound_message WHERE receipt_id = :receipt AND agency_id = :agency")
                .param("receipt", receiptId).param("agency", agencyId).query(UUID.class).optional()
                .flatMap(this::ofMessage);
    }

    /**
     * Binds an outcome as a record_outcome row holds it (parameters outcome, recordType, recordId,
     * reason, field, value, warnings): the warnings as a JSON array for a {@code CAST(:warnings AS jsonb)},
     * or null when none.
     */
    static SqlRow outcome(SqlRow row, RecordOutcome outcome) {
        return row.text("outcome", outcome.outcome()).text("recordType", outcome.recordType())
                .uuid("recordId", outcome.recordId()).text("reason", outcome.reason()).text("field", outcome.field())
                .text("value", outcome.value())
                .text("warnings", outcome.warnings().isEmpty() ? null : JSON.writeValueAsString(outcome.warnings()));
    }

    private static List<RecordOutcome.Warning> warnings(String column) {
        return column == null ? List.of() : List.of(JSON.readValue(column, RecordOutcome.Warning[].class));
    }

    private Optional<Receipt> ofMessage(UUID messageId) {
        List<RecordOutcome> outcomes = jdbc.sql("""
                SELECT position, outcome, record_type, record_id, field, reason, rejected_value, warnings FROM record_outcome
                WHERE message_id = :message ORDER BY position""").param("message", messageId)
                .query((rs, n) -> new RecordOutcome(rs.getInt("position"), rs.getString("outcome"),
                        rs.getString("record_type"), rs.getObject("record_id", UUID.class), rs.getString("field"),
                        rs.getString("reason"), rs.getString("rejected_value"), warnings(rs.getString("warnings"))))
                .list();
        return jdbc.sql("""
                SELECT receipt_id, agency_id, feed, partner_message_id, received_at, record_count, accepted_count,
                       duplicate_count, rejected_count FROM inbound_message WHERE id = :message""").param("message", messageId)
                .query((rs, n) -> new Receipt(rs.getObject("receipt_id", UUID.class), rs.getString("agency_id"),
                        rs.getString("feed"), rs.getString("partner_message_id"), SqlTime.instant(rs, "received_at"),
                        rs.getInt("record_count"), rs.getInt("accepted_count"), rs.getInt("duplicate_count"),
                        rs.getInt("rejected_count"), false, outcomes)).optional();
    }
}
