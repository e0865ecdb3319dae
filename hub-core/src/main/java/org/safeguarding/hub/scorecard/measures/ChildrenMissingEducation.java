package org.safeguarding.hub.scorecard.measures;

/** Reports of a child missing education (001:L1489). */
public final class ChildrenMissingEducation extends EducationEventCount {

    public ChildrenMissingEducation() {
        super("children-missing-education", "missing-education");
    }
}
