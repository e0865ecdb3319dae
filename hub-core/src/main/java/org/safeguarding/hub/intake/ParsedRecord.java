package org.safeguarding.hub.intake;

import org.safeguarding.hub.child.ChildDetails;
import org.safeguarding.hub.validation.StorableText;

/**
 * One record of a partner message after its adapter read it: either a canonical fact about a child,
 * or the reason it cannot be accepted, naming the field. {@code raw} is the record as the partner
 * sent it, standalone, so that quarantine can replay it.
 */
public sealed interface ParsedRecord {

    int position();

    String raw();

    /**
     * A record the adapter accepts; {@code names} says what the partner calls the fields the hub's
     * own rules may still refuse it on (see {@link PartnerFields}).
     */
    record Valid(int position, String raw, ChildDetails child, CanonicalFact fact, PartnerFields names)
            implements ParsedRecord {

        public Valid(int position, String raw, ChildDetails child, CanonicalFact fact) {
            this(position, raw, child, fact, PartnerFields.AS_IS);
        }

        /** This record refused by one of the hub's rules: {@code hubField} is put in the partner's terms. */
        public Invalid refuse(String hubField, String rule, Object value) {
            return new Invalid(position, raw, new RejectionReason(names.name(hubField), rule,
                    value == null ? null : value.toString()));
        }
    }

    /**
     * Text PostgreSQL cannot store (a NUL the partner sent, in the record or its value) is kept escaped,
     * so nothing is lost.
     */
    record Invalid(int position, String raw, RejectionReason rejection) implements ParsedRecord {

        public Invalid {
            raw = StorableText.escape(raw);
            rejection = new RejectionReason(StorableText.escape(rejection.field()), StorableText.escape(rejection.rule()),
                    StorableText.escape(rejection.value()));
        }

        /** A rejection with no value to show; {@code field} already in the partner's terms. */
        public Invalid(int position, String raw, String field, String rule) {
            this(position, raw, RejectionReason.of(field, rule));
        }

        public String field() {
            return rejection.field();
        }
    }
}
