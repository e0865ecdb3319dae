package org.safeguarding.hub.intake;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;
import java.util.UUID;

/**
 * What became of one record of a message: accepted, duplicate, or rejected naming the field (in the
 * partner's terms), the rule in {@code reason}, and in {@code value} the offending value as sent.
 * The value is for the sending partner only; {@link #withoutValue()} is what anyone else sees.
 * {@code warnings} (never null; left out of the JSON when empty) name what of an accepted record the
 * hub did not use, such as a placeholder NHS number that links nothing.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RecordOutcome(int position, String outcome, String recordType, UUID recordId, String field, String reason,
                            String value, @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Warning> warnings) {

    public static final String ACCEPTED = "accepted";
    public static final String DUPLICATE = "duplicate";
    public static final String REJECTED = "rejected";

    /** Something of a kept record the hub did not use: the field in the partner's terms, and why. */
    public record Warning(String field, String reason) {
    }

    public RecordOutcome {
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    public RecordOutcome(int position, String outcome, String recordType, UUID recordId) {
        this(position, outcome, recordType, recordId, null, null, null, List.of());
    }

    public RecordOutcome(int position, String outcome, String recordType, UUID recordId, String field, String reason,
                         String value) {
        this(position, outcome, recordType, recordId, field, reason, value, List.of());
    }

    public static RecordOutcome rejected(int position, RejectionReason reason) {
        return new RecordOutcome(position, REJECTED, null, null, reason.field(), reason.rule(), reason.value());
    }

    /** The outcome as a hub administrator or auditor may see it: field and rule, never the value. */
    public RecordOutcome withoutValue() {
        return value == null ? this : new RecordOutcome(position, outcome, recordType, recordId, field, reason, null,
                warnings);
    }

    public RecordOutcome withWarnings(List<Warning> more) {
        return new RecordOutcome(position, outcome, recordType, recordId, field, reason, value, more);
    }
}
