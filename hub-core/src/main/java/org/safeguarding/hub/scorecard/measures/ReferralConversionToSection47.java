package org.safeguarding.hub.scorecard.measures;

/** Section 47 enquiries started in the period as a percentage of referrals in the period (1,025 / 3,329 = 30.8%, 004:L1769-L1771). */
public final class ReferralConversionToSection47 extends PathwaySteps {

    public ReferralConversionToSection47() {
        super("referral-conversion-to-section-47", PathwayStep.SECTION_47, PathwayStep.REFERRAL);
    }
}
