package org.safeguarding.hub.scorecard.measures;

import org.safeguarding.hub.scorecard.EventComputation;
import org.safeguarding.hub.scorecard.MeasureDefinition;

/** Missing episodes recorded by police, on the day they were reported (004:L1051). */
public final class MissingEpisodes implements EventComputation {

    @Override
    public String name() {
        return "missing-episodes";
    }

    @Override
    public String sql(MeasureDefinition measure) {
        return """
                SELECT scorecard_day(me.reported_at) AS day, 1 AS num, 0 AS den,
                       me.source_agency_id AS agency, NULL::text AS team, NULL::text AS category
                FROM missing_episode me JOIN agency ag ON ag.id = me.source_agency_id AND ag.kind = 'police'
                WHERE me.partnership_id = :partnership AND me.superseded_by IS NULL
                """;
    }
}
