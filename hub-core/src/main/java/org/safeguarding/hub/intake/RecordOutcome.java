package org.safeguarding.hub.intake;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.UUID;

/** What became of one record of a message: accepted, duplicate, or rejected naming the field. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RecordOutcome(int position, String outcome, String recordType, UUID recordId, String field, String reason) {

    public static final String ACCEPTED = "accepted";
    public static final String DUPLICATE = "duplicate";
    public static final String REJECTED = "rejected";

    public static RecordOutcome rejected(int position, String field, String reason) {
        return new RecordOutcome(position, REJECTED, null, null, field, reason);
    }
}
