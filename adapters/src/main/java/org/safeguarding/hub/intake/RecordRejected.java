package org.safeguarding.hub.intake;

/**
 * One record cannot be accepted: the field in the partner's terms (a JSON pointer, a CSV column, a
 * FHIR element path), the rule it breaks in words, and the offending value as sent when there is one.
 * The rule never quotes the value (see {@link RejectionReason}); the message of this exception is the
 * rule alone.
 */
public class RecordRejected extends RuntimeException {

    private final String field;
    private final String value;

    /** A rejection with no value to show: a missing field, a wrong JSON type, an over-long text. */
    public RecordRejected(String field, String rule) {
        this(field, rule, null);
    }

    public RecordRejected(String field, String rule, Object value) {
        super(rule, null, false, false);
        this.field = field;
        this.value = value == null ? null : value.toString();
    }

    public String field() {
        return field;
    }

    public RejectionReason reason() {
        return new RejectionReason(field, getMessage(), value);
    }

    public ParsedRecord.Invalid at(int position, String raw) {
        return new ParsedRecord.Invalid(position, raw, reason());
    }
}
