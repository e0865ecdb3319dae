package org.safeguarding.hub.scorecard.measures;

import org.safeguarding.hub.scorecard.EventComputation;

/** Children entering care whose first initial health assessment on or after entry is on or before the N-th working day after (004:L2417). */
public final class IhaWithinWorkingDays extends ParameterisedComputation implements EventComputation {

    public IhaWithinWorkingDays() {
        super("iha-within-working-days", "within-working-days");
    }

    @Override
    protected String template() {
        return """
                SELECT p.started_on AS day, coalesce(x.k <= 2 * (s.k / 2 + %d), false)::int AS num,
                       1 AS den, NULL::text AS agency, NULL::text AS team, NULL::text AS category
                FROM period_in_care p
                LEFT JOIN (SELECT q.id, min(scorecard_day(h.occurred_at)) AS day
                           FROM period_in_care q
                           JOIN health_event h ON h.partnership_id = q.partnership_id AND h.child_id = q.child_id
                            AND h.kind = 'initial-health-assessment' AND h.superseded_by IS NULL
                            AND scorecard_day(h.occurred_at) >= q.started_on
                           WHERE q.partnership_id = :partnership
                           GROUP BY q.id) iha ON iha.id = p.id
                LEFT JOIN wd s ON s.day = p.started_on
                LEFT JOIN wd x ON x.day = iha.day
                WHERE p.partnership_id = :partnership AND p.superseded_by IS NULL
                """;
    }
}
