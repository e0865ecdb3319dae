package org.safeguarding.hub.scorecard.measures;

/** Section 47 enquiries, on the day started (004:L1771). */
public final class Section47Enquiries extends PathwaySteps {

    public Section47Enquiries() {
        super("section-47-enquiries", PathwayStep.SECTION_47);
    }
}
