package org.safeguarding.hub.scorecard.measures;

import org.safeguarding.hub.scorecard.EventComputation;
import org.safeguarding.hub.scorecard.MeasureDefinition;

/** Strategy discussions that a police agency and a health agency both attended (001:L3757 "as a minimum"; 004:L2792). */
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
                FROM strategy_discussion sd
                LEFT JOIN (SELECT sda.strategy_discussion_id,
                                  bool_or(ag.kind = 'police' AND sda.attended) AS police,
                                  bool_or(ag.kind = 'health' AND sda.attended) AS health
                           FROM strategy_discussion_attendance sda JOIN agency ag ON ag.id = sda.agency_id
                           GROUP BY sda.strategy_discussion_id) a ON a.strategy_discussion_id = sd.id
                WHERE sd.partnership_id = :partnership AND sd.superseded_by IS NULL
                """;
    }
}
