package org.safeguarding.hub.scorecard.measures;

/** Referrals to children's social care, counted once each (counted_referral), on the day referred (004:L1769). */
public final class Referrals extends PathwaySteps {

    public Referrals() {
        super("referrals", PathwayStep.REFERRAL);
    }
}
