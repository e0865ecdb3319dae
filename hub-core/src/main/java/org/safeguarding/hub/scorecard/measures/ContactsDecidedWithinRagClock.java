package org.safeguarding.hub.scorecard.measures;

import org.safeguarding.hub.scorecard.MeasureDefinition;

/** RAG-rated contacts decided by the due time of their current RAG rating (a re-rating supersedes the earlier one, so there is one); category is the rating (red, amber, green). */
public final class ContactsDecidedWithinRagClock extends ContactMeasure {

    public ContactsDecidedWithinRagClock() {
        super("contacts-decided-within-rag-clock");
    }

    @Override
    public String counted() {
        return "current_contact AND rating IS NOT NULL";
    }

    @Override
    public String numerator(MeasureDefinition measure) {
        return "decided_at <= due_at";
    }

    @Override
    public String category() {
        return "rating";
    }
}
