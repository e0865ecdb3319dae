package org.safeguarding.hub.scorecard.measures;

import org.safeguarding.hub.scorecard.EventComputation;
import org.safeguarding.hub.scorecard.MeasureDefinition;

/** Current threshold decisions where the referrer's level of need equals the MASH's (004:L1693, 93% in an audit). */
public final class ThresholdAgreement implements EventComputation {

    @Override
    public String name() {
        return "threshold-agreement";
    }

    @Override
    public String sql(MeasureDefinition measure) {
        return """
                SELECT scorecard_day(td.decided_at) AS day, (c.referrer_level_of_need = td.level_of_need)::int AS num,
                       1 AS den, c.referrer_agency_id AS agency, c.team, NULL::text AS category
                FROM threshold_decision td JOIN contact c ON c.id = td.contact_id
                WHERE td.partnership_id = :partnership AND td.superseded_by IS NULL
                """;
    }
}
