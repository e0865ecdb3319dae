package org.safeguarding.hub.scorecard.measures;

/** ICPCs held in the period as a percentage of section 47 enquiries started in the period (410 / 1,025 = 40.0%, 004:L1771). */
public final class IcpcsPerSection47 extends PathwaySteps {

    public IcpcsPerSection47() {
        super("icpcs-per-section-47", PathwayStep.ICPC, PathwayStep.SECTION_47);
    }
}
