package org.safeguarding.hub.intake;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.UUID;

/**
 * What became of one record of a message: accepted, duplicate, or rejected naming the field (in the
 * partner's terms), the rule in {@code reason}, and in {@code value} the offending value as sent.
 * The value is for the sending partner only; {@link #withoutValue()} is what anyone else sees.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RecordOutcome(int position, String outcome, String recordType, UUID recordId, String field, String reason,
                            String value) {

    public static final String ACCEPTED = "accepted";
    public static final String DUPLICATE = "duplicate";
    public static final String REJECTED = "rejected";

    public RecordOutcome(int position, String outcome, String recordType, UUID recordId) {
        this(position, outcome, recordType, recordId, null, null, null);
    }

    public static RecordOutcome rejected(int position, RejectionReason reason) {
        return new RecordOutcome(position, REJECTED, null, null, reason.field(), reason.rule(), reason.value());
    }

    /** The outcome as a hub administrator or auditor may see it: field and rule, never the value. */
    public RecordOutcome withoutValue() {
        return value == null ? this : new RecordOutcome(position, outcome, recordType, recordId, field, reason, null);
    }
}
