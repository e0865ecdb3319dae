package org.safeguarding.hub.scorecard.measures;

import org.safeguarding.hub.scorecard.EventComputation;
import org.safeguarding.hub.scorecard.MeasureDefinition;

/** Police side of the missing reconciliation: police missing episodes ended (004:L2414). */
public final class ReconciliationPoliceMissingEpisodes implements EventComputation {

    @Override
    public String name() {
        return "reconciliation-police-missing-episodes";
    }

    @Override
    public String sql(MeasureDefinition measure) {
        return """
                SELECT scorecard_day(me.ended_at) AS day, 1 AS num, 0 AS den,
                       NULL::text AS agency, NULL::text AS team, NULL::text AS category
                FROM missing_episode me JOIN agency ag ON ag.id = me.source_agency_id AND ag.kind = 'police'
                WHERE me.partnership_id = :partnership AND me.superseded_by IS NULL AND me.ended_at IS NOT NULL
                """;
    }
}
