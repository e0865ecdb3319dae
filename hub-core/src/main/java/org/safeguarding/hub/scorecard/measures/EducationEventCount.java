package org.safeguarding.hub.scorecard.measures;

import org.safeguarding.hub.scorecard.EventComputation;
import org.safeguarding.hub.scorecard.MeasureDefinition;

/** Counts current education events of one kind on the day they occurred, by source agency. */
abstract class EducationEventCount implements EventComputation {

    private final String name;
    private final String kind;

    EducationEventCount(String name, String kind) {
        this.name = name;
        this.kind = kind;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String sql(MeasureDefinition measure) {
        return """
                SELECT e.occurred_on AS day, 1 AS num, 0 AS den,
                       e.source_agency_id AS agency, NULL::text AS team, NULL::text AS category
                FROM education_event e
                WHERE e.partnership_id = :partnership AND e.superseded_by IS NULL AND e.kind = '%s'
                """.formatted(kind);
    }
}
