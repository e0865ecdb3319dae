package org.safeguarding.hub.intake;

import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.json.JsonMapper;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Reads receipts back: the original one for a re-sent message, or one a partner asks for. */
public final class Receipts {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcTemplate jdbc;

    public Receipts(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The receipt of the message this agency already sent with this partner message id or this content. */
    public Optional<Receipt> original(String agencyId, String partnerMessageId, String contentHash) {
        // Two indexed look-ups (inbound_message_partner_id, inbound_message_content) rather than one OR.
        List<UUID> ids = partnerMessageId == null ? List.of() : jdbc.query(
                "SELECT id FROM inbound_message WHERE agency_id = ? AND partner_message_id = ?",
                (rs, n) -> rs.getObject(1, UUID.class), agencyId, partnerMessageId);
        if (ids.isEmpty()) {
            ids = jdbc.query("SELECT id FROM inbound_message WHERE agency_id = ? AND content_hash = ?",
                    (rs, n) -> rs.getObject(1, UUID.class), agencyId, contentHash);
        }
        return ids.stream().findFirst().flatMap(this::ofMessage).map(Receipt::asResent);
    }

    /** The receipt with this id, if it belongs to {@code agencyId} (a partner reads only its own). */
    public Optional<Receipt> byReceiptId(UUID receiptId, String agencyId) {
        return jdbc.query("SELECT id FROM inbound_message WHERE receipt_id = ? AND agency_id = ?",
                (rs, n) -> rs.getObject(1, UUID.class), receiptId, agencyId).stream().findFirst().flatMap(this::ofMessage);
    }

    /** An outcome's warnings as the record_outcome.warnings column holds them: a JSON array, or null when none. */
    static String warnings(RecordOutcome outcome) {
        return outcome.warnings().isEmpty() ? null : JSON.writeValueAsString(outcome.warnings());
    }

    private static List<RecordOutcome.Warning> warnings(String column) {
        return column == null ? List.of() : List.of(JSON.readValue(column, RecordOutcome.Warning[].class));
    }

    private Optional<Receipt> ofMessage(UUID messageId) {
        List<RecordOutcome> outcomes = jdbc.query("""
                SELECT position, outcome, record_type, record_id, field, reason, rejected_value, warnings FROM record_outcome
                WHERE message_id = ? ORDER BY position""", (rs, n) -> new RecordOutcome(rs.getInt(1), rs.getString(2),
                rs.getString(3), rs.getObject(4, UUID.class), rs.getString(5), rs.getString(6), rs.getString(7),
                warnings(rs.getString(8))), messageId);
        return jdbc.query("""
                SELECT receipt_id, agency_id, feed, partner_message_id, received_at, record_count, accepted_count,
                       duplicate_count, rejected_count FROM inbound_message WHERE id = ?""",
                (rs, n) -> new Receipt(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getObject(5, OffsetDateTime.class).toInstant(), rs.getInt(6), rs.getInt(7), rs.getInt(8),
                        rs.getInt(9), false, outcomes), messageId).stream().findFirst();
    }
}
