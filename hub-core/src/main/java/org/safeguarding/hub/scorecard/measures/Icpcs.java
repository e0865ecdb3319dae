package org.safeguarding.hub.scorecard.measures;

/** Initial child protection conferences, on the day held (004:L1771). */
public final class Icpcs extends PathwaySteps {

    public Icpcs() {
        super("icpcs", PathwayStep.ICPC);
    }
}
