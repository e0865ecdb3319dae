package org.safeguarding.hub.scorecard.measures;

import org.safeguarding.hub.scorecard.MeasureDefinition;

/** Threshold decisions whose outcome notice to the referring agency (the MASH's threshold-decision outbox message; its decisionId is the outbox's decision_id column, V41) was delivered by the end of the N-th working day after the decision (002:L184). */
public final class FeedbackWithinWorkingDays extends ContactMeasure.OfDecisions {

    public FeedbackWithinWorkingDays() {
        super("feedback-within-working-days", "within-working-days");
    }

    @Override
    public String numerator(MeasureDefinition measure) {
        // Working-day keys (MeasureComputation): on or before the N-th working day after the decision day.
        return "feedback_key <= 2 * (decided_key / 2 + %d)".formatted(parameter(measure));
    }
}
