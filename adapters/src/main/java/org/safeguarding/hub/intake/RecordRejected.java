package org.safeguarding.hub.intake;

/** One record cannot be accepted: the field (a path like child.nhsNumber) and why. */
public class RecordRejected extends RuntimeException {

    private final String field;

    public RecordRejected(String field, String reason) {
        super(reason, null, false, false);
        this.field = field;
    }

    public String field() {
        return field;
    }

    public ParsedRecord.Invalid at(int position, String raw) {
        return new ParsedRecord.Invalid(position, raw, field, getMessage());
    }
}
