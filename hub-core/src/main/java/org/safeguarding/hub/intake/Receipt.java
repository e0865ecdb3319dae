package org.safeguarding.hub.intake;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The hub's answer to a message, given only after the message and its accepted records are
 * committed. {@code resent} is true when this is the original receipt returned for a re-sent message.
 */
public record Receipt(UUID receiptId, String agency, String feed, String partnerMessageId, Instant receivedAt,
                      int records, int accepted, int duplicates, int rejected, boolean resent,
                      List<RecordOutcome> outcomes) {

    public Receipt asResent() {
        return new Receipt(receiptId, agency, feed, partnerMessageId, receivedAt, records, accepted, duplicates,
                rejected, true, outcomes);
    }
}
