package org.safeguarding.hub.scorecard.measures;

import org.safeguarding.hub.scorecard.EventComputation;
import org.safeguarding.hub.scorecard.MeasureDefinition;

/** Early help assessments completed by an agency that is not children's social care, by that agency (004:L2412). */
public final class EarlyHelpAssessmentsByPartners implements EventComputation {

    @Override
    public String name() {
        return "early-help-assessments-by-partners";
    }

    @Override
    public String sql(MeasureDefinition measure) {
        return """
                SELECT e.occurred_on AS day, (ag.kind <> 'social-care')::int AS num, 1 AS den,
                       e.source_agency_id AS agency, NULL::text AS team, NULL::text AS category
                FROM education_event e JOIN agency ag ON ag.id = e.source_agency_id
                WHERE e.partnership_id = :partnership AND e.superseded_by IS NULL AND e.kind = 'early-help-assessment'
                """;
    }
}
