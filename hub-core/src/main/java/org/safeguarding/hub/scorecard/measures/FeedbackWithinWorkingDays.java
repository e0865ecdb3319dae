package org.safeguarding.hub.scorecard.measures;

import org.safeguarding.hub.scorecard.EventComputation;

/** Threshold decisions whose outcome notice to the referring agency (the MASH's threshold-decision outbox message; its decisionId is the outbox's decision_id column, V41) was delivered by the end of the N-th working day after the decision (002:L184). */
public final class FeedbackWithinWorkingDays extends ParameterisedComputation implements EventComputation {

    public FeedbackWithinWorkingDays() {
        super("feedback-within-working-days", "within-working-days");
    }

    @Override
    protected String template() {
        return """
                SELECT scorecard_day(td.decided_at) AS day, coalesce(f.k <= 2 * (d.k / 2 + %d), false)::int AS num,
                       1 AS den, c.referrer_agency_id AS agency, c.team, NULL::text AS category
                FROM threshold_decision td
                JOIN contact c ON c.id = td.contact_id
                LEFT JOIN (SELECT o.decision_id, min(o.delivered_at) AS delivered_at FROM outbox o
                           WHERE o.partnership_id = :partnership AND o.decision_id IS NOT NULL AND o.status = 'delivered'
                           GROUP BY 1) o ON o.decision_id = td.id
                LEFT JOIN wd d ON d.day = scorecard_day(td.decided_at)
                LEFT JOIN wd f ON f.day = scorecard_day(o.delivered_at)
                WHERE td.partnership_id = :partnership AND td.superseded_by IS NULL
                """;
    }
}
