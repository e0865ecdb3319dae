package org.safeguarding.hub.mash;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The threshold decision as the page's form sends it, every field as typed (null when not sent), and
 * what the form offers. Nothing is preselected: a practitioner must choose a level and an outcome.
 * A decision of no further action, or at a level below the referrer's, is recorded only once
 * {@code confirmed} is {@code "yes"} (issue 14: a rationale and one press of the button used to record
 * a level-1 no-further-action decision).
 *
 * @param levelOfNeed "1" to "4" (Right Help, Right Time, 004:L2701)
 * @param outcome     a {@link DecisionOutcome} code
 * @param rationale   why, in the practitioner's words
 * @param confirmed   "yes" once the confirmation step has been answered
 *
 * <p>Serializable: it waits in the session (a flash attribute) between a post and the page it redirects to.
 */
record DecisionForm(String levelOfNeed, String outcome, String rationale, String confirmed) implements java.io.Serializable {

    /** One radio button: the value sent, its words and what it means. */
    record Choice(String value, String words, String definition) {
    }

    /** The four levels in plain words, with the county's definitions (004:L2701, 004:L1785, 004:L2476). */
    static final List<Choice> LEVELS = List.of(
            new Choice("1", "Level 1: universal", "Needs are met by everyday services such as schools, GPs and health visitors."),
            new Choice("2", "Level 2: additional needs (early help)",
                    "The child or family needs extra support from one agency or a few working together."),
            new Choice("3", "Level 3: complex needs (targeted early help)",
                    "Several needs that call for a coordinated early help plan across agencies."),
            new Choice("4", "Level 4: acute or statutory (child in need or child protection)",
                    "The child may be in need or at risk of significant harm; children's social care leads."));

    /** The outcomes in {@link DecisionOutcome}'s order, in plain words (docs/domain.md pathway step 3). */
    static final List<Choice> OUTCOMES = List.of(
            new Choice("no-further-action", "No further action",
                    "The MASH closes the contact: no service is offered. The referrer is told why."),
            new Choice("universal", "Signpost to universal services",
                    "The family is pointed to everyday services; no plan is made."),
            new Choice("early-help", "Early help",
                    "Passed to the Early Help Hub for support at level 2 or 3."),
            new Choice("social-care-assessment", "Assessment by children's social care",
                    "A referral to social care for a child and family assessment. Needs level 4."),
            new Choice("strategy-discussion", "Strategy discussion",
                    "Significant harm is suspected: police, health and social care meet within 24 hours. Needs level 4."));

    /** The errors, field id to message, in the order the fields appear; empty when the form can be recorded. */
    Map<String, String> errors() {
        Map<String, String> errors = new LinkedHashMap<>();
        if (level().isEmpty()) {
            errors.put("levelOfNeed", "Select the level of need");
        }
        Optional<DecisionOutcome> chosen = outcome == null ? Optional.empty() : DecisionOutcome.of(outcome);
        if (chosen.isEmpty()) {
            errors.put("outcome", "Select what happens next");
        } else if (level().isPresent() && !chosen.get().allows(level().get())) {
            // Level 4 only (004:L1785): said in words on the page; the citation is for the code, not the practitioner.
            errors.put("outcome", words(OUTCOMES, outcome) + " needs level of need 4 (acute or statutory): choose level 4 or another outcome");
        }
        if (rationale == null || rationale.isBlank()) {
            errors.put("rationale", "Enter the reason for the decision");
        } else if (rationale.length() > 10_000) {
            errors.put("rationale", "The reason must be 10,000 characters or fewer");
        }
        return errors;
    }

    /** The level chosen, when it is one of the four. */
    Optional<LevelOfNeed> level() {
        return LEVELS.stream().filter(l -> l.value().equals(levelOfNeed)).findFirst()
                .map(l -> new LevelOfNeed(Integer.parseInt(l.value())));
    }

    /**
     * Why the decision must be confirmed before it is recorded, empty when it need not be: no further
     * action, or a level below the {@code referrerLevel} (null when the referrer stated none).
     */
    List<String> confirmationReasons(Integer referrerLevel) {
        List<String> reasons = new java.util.ArrayList<>();
        if (DecisionOutcome.NO_FURTHER_ACTION.code().equals(outcome)) {
            reasons.add("No further action closes the contact: no agency will be asked to help this child.");
        }
        if (referrerLevel != null && level().map(l -> l.value() < referrerLevel).orElse(false)) {
            reasons.add("Level " + levelOfNeed + " is below level " + referrerLevel + ", the level the referrer gave.");
        }
        return reasons;
    }

    boolean isConfirmed() {
        return "yes".equals(confirmed);
    }

    public String levelWords() {
        return words(LEVELS, levelOfNeed);
    }

    public String outcomeWords() {
        return words(OUTCOMES, outcome);
    }

    static String words(List<Choice> choices, String value) {
        return choices.stream().filter(c -> c.value().equals(value)).map(Choice::words).findFirst().orElse(value);
    }
}
