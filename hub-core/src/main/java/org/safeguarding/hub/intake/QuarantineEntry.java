package org.safeguarding.hub.intake;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.UUID;

/**
 * A rejected record held for correction and replay: {@code field} in the partner's terms and the
 * rule it broke in {@code reason} ({@link RejectionReason}). {@code value} (the offending value) and
 * {@code rawRecord} are null in the view given to hub administrators: they see why and where, not the
 * child-level content (the hub replays the raw record itself). The sending partner sees its own
 * records in full.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record QuarantineEntry(UUID id, UUID receiptId, int position, String agency, String feed, String field,
                              String reason, String status, Instant createdAt, Instant messageReceivedAt,
                              String value, String rawRecord) {
}
