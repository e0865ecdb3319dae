package org.safeguarding.hub.scorecard.measures;

import org.safeguarding.hub.scorecard.EventComputation;
import org.safeguarding.hub.scorecard.MeasureDefinition;

/** Notifications of elective home education (001:L1489). */
public final class ElectiveHomeEducation implements EventComputation {

    @Override
    public String name() {
        return "elective-home-education";
    }

    @Override
    public String sql(MeasureDefinition measure) {
        return """
                SELECT e.occurred_on AS day, 1 AS num, 0 AS den,
                       e.source_agency_id AS agency, NULL::text AS team, NULL::text AS category
                FROM education_event e
                WHERE e.partnership_id = :partnership AND e.superseded_by IS NULL AND e.kind = 'elective-home-education'
                """;
    }
}
