package org.safeguarding.hub.scorecard.measures;

import org.safeguarding.hub.scorecard.MeasureDefinition;

/** Contacts received that became a referral to social care (a current referral points at the contact). */
public final class ContactConversionToReferral extends ContactMeasure {

    public ContactConversionToReferral() {
        super("contact-conversion-to-referral");
    }

    @Override
    public String numerator(MeasureDefinition measure) {
        return "referred";
    }
}
