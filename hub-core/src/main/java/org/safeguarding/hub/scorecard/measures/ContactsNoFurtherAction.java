package org.safeguarding.hub.scorecard.measures;

import org.safeguarding.hub.scorecard.MeasureDefinition;

/** Contacts received whose current threshold decision is no further action; undecided contacts stay in the denominator. */
public final class ContactsNoFurtherAction extends ContactMeasure {

    public ContactsNoFurtherAction() {
        super("contacts-no-further-action");
    }

    @Override
    public String numerator(MeasureDefinition measure) {
        return "outcome = 'no-further-action'";
    }
}
