package org.safeguarding.hub.mash;

import org.safeguarding.hub.validation.Codes;
import java.util.List;
import java.util.Optional;

/** What the MASH decided to do with a contact (docs/domain.md pathway step 3). */
public enum DecisionOutcome {
    NO_FURTHER_ACTION(1), UNIVERSAL(1), EARLY_HELP(2), SOCIAL_CARE_ASSESSMENT(4), STRATEGY_DISCUSSION(4);

    /** The lowest level of need the outcome is open to; assessment and strategy need level 4 (004:L1785). */
    private final int minimumLevel;

    DecisionOutcome(int minimumLevel) {
        this.minimumLevel = minimumLevel;
    }

    public String code() {
        return Codes.of(this);
    }

    public boolean allows(LevelOfNeed level) {
        return this == NO_FURTHER_ACTION || this == UNIVERSAL || level.value() >= minimumLevel;
    }

    /**
     * True for the outcomes that pass the contact to children's social care, the level-4 outcomes
     * (004:L1785): a decision with one makes the contact's referral (pathway.Referrals).
     */
    public boolean refersToSocialCare() {
        return minimumLevel == 4;
    }

    public static Optional<DecisionOutcome> of(String code) {
        return Codes.parse(DecisionOutcome.class, code);
    }

    /** Every outcome's code in the order above: what the API accepts and the decision form offers. */
    public static List<String> codes() {
        return Codes.all(DecisionOutcome.class);
    }
}
