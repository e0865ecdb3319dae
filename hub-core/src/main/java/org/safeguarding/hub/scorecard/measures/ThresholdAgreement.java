package org.safeguarding.hub.scorecard.measures;

import org.safeguarding.hub.scorecard.MeasureDefinition;

/** Current threshold decisions where the referrer's level of need equals the MASH's (004:L1693, 93% in an audit). */
public final class ThresholdAgreement extends ContactMeasure.OfDecisions {

    public ThresholdAgreement() {
        super("threshold-agreement");
    }

    @Override
    public String numerator(MeasureDefinition measure) {
        return "referrer_level_of_need = level_of_need";
    }
}
