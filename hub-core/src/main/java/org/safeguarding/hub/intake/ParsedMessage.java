package org.safeguarding.hub.intake;

import java.util.List;

/** A partner message read by its adapter: the partner's own message id (if the payload has one) and its records. */
public record ParsedMessage(String partnerMessageId, List<ParsedRecord> records) {
    public ParsedMessage {
        records = List.copyOf(records);
    }
}
