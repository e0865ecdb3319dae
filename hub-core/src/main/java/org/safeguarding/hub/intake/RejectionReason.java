package org.safeguarding.hub.intake;

/**
 * Why one record of a partner message was not accepted: the {@code field} in the partner's own terms
 * for the format it sent (a CSV column such as {@code date_of_birth}; a JSON pointer into the message
 * such as {@code /records/2/child/dateOfBirth}, or {@code /child/dateOfBirth} in a referral form; a
 * FHIR element path such as {@code Patient.birthDate}), the {@code rule} it breaks in words, and the
 * offending {@code value} as sent (null when there is none: a missing field, an over-long text).
 *
 * <p>The value is kept apart because only the sending partner may see it (its receipt, its own
 * quarantine entries): it is child-level content (an NHS number, a UPN, a date of birth, a postcode),
 * and hub administrators, auditors and the logs see the field and the rule only (issue 18). Rules
 * therefore never quote the value themselves, and {@link #toString()} leaves it out so that a reason
 * logged by mistake cannot carry it either.
 */
public record RejectionReason(String field, String rule, String value) {

    public RejectionReason {
        if (field == null || rule == null) {
            throw new IllegalArgumentException("a rejection names its field and rule");
        }
    }

    /** A reason with no value to show (a missing field, a wrong JSON type, a rule across records). */
    public static RejectionReason of(String field, String rule) {
        return new RejectionReason(field, rule, null);
    }

    /** What an operator or auditor may see: the field and the rule. */
    public RejectionReason withoutValue() {
        return value == null ? this : new RejectionReason(field, rule, null);
    }

    /** The same rule, with the field in the partner's terms ({@link PartnerFields}). */
    public RejectionReason named(PartnerFields names) {
        return new RejectionReason(names.name(field), rule, value);
    }

    /** "field: rule", never the value: the one text form, for logs and messages. */
    @Override
    public String toString() {
        return field + ": " + rule;
    }
}
