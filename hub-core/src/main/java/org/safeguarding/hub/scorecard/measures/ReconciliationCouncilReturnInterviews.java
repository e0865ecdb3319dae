package org.safeguarding.hub.scorecard.measures;

import org.safeguarding.hub.scorecard.EventComputation;
import org.safeguarding.hub.scorecard.MeasureDefinition;

/** Council side of the missing reconciliation: return interviews the council recorded as offered (004:L2414). */
public final class ReconciliationCouncilReturnInterviews implements EventComputation {

    @Override
    public String name() {
        return "reconciliation-council-return-interviews";
    }

    @Override
    public String sql(MeasureDefinition measure) {
        return """
                SELECT scorecard_day(ri.offered_at) AS day, 1 AS num, 0 AS den,
                       NULL::text AS agency, NULL::text AS team, NULL::text AS category
                FROM return_interview ri JOIN agency ag ON ag.id = ri.source_agency_id AND ag.kind = 'social-care'
                WHERE ri.partnership_id = :partnership AND ri.superseded_by IS NULL
                """;
    }
}
