package org.safeguarding.hub.scorecard.measures;

import org.safeguarding.hub.scorecard.EventComputation;
import org.safeguarding.hub.scorecard.MeasureDefinition;

/** Council return interviews that point at no current police missing episode (004:L2414). */
public final class ReconciliationInterviewsWithoutEpisode implements EventComputation {

    @Override
    public String name() {
        return "reconciliation-interviews-without-episode";
    }

    @Override
    public String sql(MeasureDefinition measure) {
        return """
                SELECT scorecard_day(ri.offered_at) AS day, 1 AS num, 0 AS den,
                       NULL::text AS agency, NULL::text AS team, NULL::text AS category
                FROM return_interview ri JOIN agency ag ON ag.id = ri.source_agency_id AND ag.kind = 'social-care'
                WHERE ri.partnership_id = :partnership AND ri.superseded_by IS NULL
                  AND (ri.missing_episode_id IS NULL OR ri.missing_episode_id NOT IN (SELECT me.id
                    FROM missing_episode me JOIN agency ag ON ag.id = me.source_agency_id AND ag.kind = 'police'
                    WHERE me.partnership_id = :partnership AND me.superseded_by IS NULL))
                """;
    }
}
