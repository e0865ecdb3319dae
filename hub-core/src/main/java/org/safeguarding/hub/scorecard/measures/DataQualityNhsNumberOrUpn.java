package org.safeguarding.hub.scorecard.measures;

import org.safeguarding.hub.scorecard.EventComputation;
import org.safeguarding.hub.scorecard.MeasureDefinition;

/** Children first recorded with an NHS number or UPN among their identifiers, by the agency that first recorded them (004:L2637). */
public final class DataQualityNhsNumberOrUpn implements EventComputation {

    @Override
    public String name() {
        return "data-quality-nhs-number-or-upn";
    }

    @Override
    public String sql(MeasureDefinition measure) {
        return """
                SELECT scorecard_day(ch.received_at) AS day,
                       (ch.id IN (SELECT ci.child_id FROM child_identifier ci
                                  WHERE ci.partnership_id = :partnership AND ci.kind IN ('nhs-number', 'upn')))::int AS num,
                       1 AS den, ch.source_agency_id AS agency, NULL::text AS team, NULL::text AS category
                FROM child ch WHERE ch.partnership_id = :partnership
                """;
    }
}
