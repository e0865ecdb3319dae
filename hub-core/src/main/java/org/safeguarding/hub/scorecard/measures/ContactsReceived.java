package org.safeguarding.hub.scorecard.measures;

import org.safeguarding.hub.scorecard.MeasureDefinition;

/** Contacts received, once each, on the local day they were received; by referring agency and MASH team (004:L1769). */
public final class ContactsReceived extends ContactMeasure {

    public ContactsReceived() {
        super("contacts-received");
    }

    @Override
    public String numerator(MeasureDefinition measure) {
        return "true";
    }

    @Override
    public boolean proportion() {
        return false;
    }
}
