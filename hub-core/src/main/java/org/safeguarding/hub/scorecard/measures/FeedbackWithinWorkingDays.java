package org.safeguarding.hub.scorecard.measures;

import org.safeguarding.hub.scorecard.EventComputation;
import org.safeguarding.hub.scorecard.MeasureDefinition;

import java.util.List;

/** Threshold decisions whose outcome notice to the referring agency (the MASH's outbox message carrying the decisionId) was delivered by the end of the N-th working day after the decision (002:L184). */
public final class FeedbackWithinWorkingDays implements EventComputation {

    @Override
    public String name() {
        return "feedback-within-working-days";
    }

    @Override
    public List<String> requiredParameters() {
        return List.of("within-working-days");
    }

    @Override
    public String sql(MeasureDefinition measure) {
        return """
                SELECT scorecard_day(td.decided_at) AS day, coalesce(f.k <= 2 * (d.k / 2 + %d), false)::int AS num,
                       1 AS den, c.referrer_agency_id AS agency, c.team, NULL::text AS category
                FROM threshold_decision td
                JOIN contact c ON c.id = td.contact_id
                LEFT JOIN (SELECT o.payload ->> 'decisionId' AS decision_id, min(o.delivered_at) AS delivered_at FROM outbox o
                           WHERE o.partnership_id = :partnership AND o.message_type = 'threshold-decision' AND o.status = 'delivered'
                           GROUP BY 1) o ON o.decision_id = td.id::text
                LEFT JOIN wd d ON d.day = scorecard_day(td.decided_at)
                LEFT JOIN wd f ON f.day = scorecard_day(o.delivered_at)
                WHERE td.partnership_id = :partnership AND td.superseded_by IS NULL
                """.formatted(measure.parameter("within-working-days"));
    }
}
