package org.safeguarding.hub.scorecard.measures;

/** Notifications of elective home education (001:L1489). */
public final class ElectiveHomeEducation extends EducationEventCount {

    public ElectiveHomeEducation() {
        super("elective-home-education", "elective-home-education");
    }
}
