package org.safeguarding.hub.scorecard.measures;

import org.safeguarding.hub.scorecard.EventComputation;
import org.safeguarding.hub.scorecard.MeasureDefinition;

/**
 * Strategy discussions that a police agency and a health agency both attended (001:L3757 "as a
 * minimum"; 004:L2792). Each discussion counts once (counted_strategy_discussion, V44); the
 * attendance a police record of it reports (same_as_id) counts for the discussion it reports on.
 */
public final class StrategyDiscussionsAttendedPoliceHealth implements EventComputation {

    @Override
    public String name() {
        return "strategy-discussions-attended-police-health";
    }

    @Override
    public String sql(MeasureDefinition measure) {
        return """
                SELECT scorecard_day(sd.held_at) AS day, coalesce(a.police AND a.health, false)::int AS num,
                       1 AS den, NULL::text AS agency, NULL::text AS team, NULL::text AS category
                FROM counted_strategy_discussion sd
                LEFT JOIN (SELECT coalesce(d.same_as_id, d.id) AS strategy_discussion_id,
                                  bool_or(ag.kind = 'police' AND sda.attended) AS police,
                                  bool_or(ag.kind = 'health' AND sda.attended) AS health
                           FROM strategy_discussion d
                           JOIN strategy_discussion_attendance sda ON sda.strategy_discussion_id = d.id
                           JOIN agency ag ON ag.id = sda.agency_id
                           WHERE d.partnership_id = :partnership AND d.superseded_by IS NULL
                           GROUP BY 1) a ON a.strategy_discussion_id = sd.id
                WHERE sd.partnership_id = :partnership
                """;
    }
}
