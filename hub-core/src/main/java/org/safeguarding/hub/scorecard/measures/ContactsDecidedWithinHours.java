package org.safeguarding.hub.scorecard.measures;

import org.safeguarding.hub.scorecard.MeasureDefinition;

/** Contacts received with a threshold decision within N elapsed hours of receipt (004:L1837 "24 hours to process any contacts"); exactly N hours is in time. */
public final class ContactsDecidedWithinHours extends ContactMeasure {

    public ContactsDecidedWithinHours() {
        super("contacts-decided-within-hours", "within-hours");
    }

    @Override
    public String numerator(MeasureDefinition measure) {
        return "decided_at <= received_at + make_interval(hours => %d)".formatted(parameter(measure));
    }
}
