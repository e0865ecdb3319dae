package org.safeguarding.hub.pathway;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One link of a child's pathway that a matching rule may make when the partner sends no reference
 * (docs/pathway.md "The steps and their links"): the step named, linked to the predecessor given.
 */
public enum PathwayLink {
    /** The council's referral record -> the MASH's referral it confirms. */
    @JsonProperty("council-referral") COUNCIL_REFERRAL("council-referral", "mash-referral"),
    /** The MASH's strategy discussion -> the referral it follows. */
    @JsonProperty("strategy-discussion") STRATEGY_DISCUSSION("strategy-discussion", "referral"),
    /** A police attendance record -> the MASH's strategy discussion it reports on. */
    @JsonProperty("police-attendance") POLICE_ATTENDANCE("police-attendance", "strategy-discussion"),
    /** Section 47 enquiry -> the strategy discussion that started it. */
    @JsonProperty("section-47") SECTION_47("section-47", "strategy-discussion"),
    /** ICPC -> the section 47 enquiry (and through it the strategy discussion) it follows. */
    @JsonProperty("icpc") ICPC("icpc", "section-47"),
    /** Child protection plan -> the ICPC that made it. */
    @JsonProperty("child-protection-plan") CHILD_PROTECTION_PLAN("child-protection-plan", "icpc"),
    /** Assessment -> the referral it follows. */
    @JsonProperty("assessment") ASSESSMENT("assessment", "referral"),
    /** Return interview -> the police missing episode it follows. */
    @JsonProperty("return-interview") RETURN_INTERVIEW("return-interview", "missing-episode");

    private final String code;
    private final String predecessor;

    PathwayLink(String code, String predecessor) {
        this.code = code;
        this.predecessor = predecessor;
    }

    /** The key in pathway.yml and the step's name in {@code pathway_unlinked}. */
    public String code() {
        return code;
    }

    /** What the step follows, as {@code pathway_unlinked.lacks} names it. */
    public String predecessor() {
        return predecessor;
    }
}
