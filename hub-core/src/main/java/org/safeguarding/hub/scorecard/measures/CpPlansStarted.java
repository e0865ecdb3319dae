package org.safeguarding.hub.scorecard.measures;

/** Child protection plans, on the day started (004:L1770). */
public final class CpPlansStarted extends PathwaySteps {

    public CpPlansStarted() {
        super("cp-plans-started", PathwayStep.CP_PLAN);
    }
}
