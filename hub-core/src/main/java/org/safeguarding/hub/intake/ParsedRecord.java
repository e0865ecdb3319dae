package org.safeguarding.hub.intake;

import org.safeguarding.hub.validation.StorableText;

/**
 * One record of a partner message after its adapter read it: either a canonical fact about a child,
 * or the reason it cannot be accepted, naming the field. {@code raw} is the record as the partner
 * sent it, standalone, so that quarantine can replay it.
 */
public sealed interface ParsedRecord {

    int position();

    String raw();

    record Valid(int position, String raw, ChildDetails child, CanonicalFact fact) implements ParsedRecord {
    }

    /** Text PostgreSQL cannot store (a NUL the partner sent, quoted in the reason) is kept escaped, so nothing is lost. */
    record Invalid(int position, String raw, String field, String reason) implements ParsedRecord {
        public Invalid {
            raw = StorableText.escape(raw);
            field = StorableText.escape(field);
            reason = StorableText.escape(reason);
        }
    }
}
