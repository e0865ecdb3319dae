package org.safeguarding.hub.scorecard.measures;

import org.safeguarding.hub.scorecard.EventComputation;
import org.safeguarding.hub.scorecard.MeasureDefinition;

/** Escalation records raised, by raising agency and kind (001:L3408, 004:L2549). */
public final class EscalationsRaised implements EventComputation {

    @Override
    public String name() {
        return "escalations-raised";
    }

    @Override
    public String sql(MeasureDefinition measure) {
        return """
                SELECT scorecard_day(x.raised_at) AS day, 1 AS num, 0 AS den,
                       x.raised_by_agency_id AS agency, NULL::text AS team, x.kind AS category
                FROM escalation x WHERE x.partnership_id = :partnership
                """;
    }
}
