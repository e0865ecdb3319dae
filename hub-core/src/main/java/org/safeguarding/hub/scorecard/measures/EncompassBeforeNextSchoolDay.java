package org.safeguarding.hub.scorecard.measures;

import org.safeguarding.hub.scorecard.EventComputation;
import org.safeguarding.hub.scorecard.MeasureDefinition;

/** Domestic abuse notifications whose school was told before the next school day started after the incident (Operation Encompass); incidents on days without configured term dates are not counted. */
public final class EncompassBeforeNextSchoolDay implements EventComputation {

    @Override
    public String name() {
        return "encompass-before-next-school-day";
    }

    @Override
    public String sql(MeasureDefinition measure) {
        return """
                SELECT scorecard_day(n.incident_at) AS day,
                       coalesce(n.school_notified_at < CASE WHEN n.incident_at < s.same_day_start THEN s.same_day_start
                                                            ELSE s.next_start END, false)::int AS num,
                       1 AS den, n.source_agency_id AS agency, NULL::text AS team, NULL::text AS category
                FROM police_notification n
                JOIN school s ON s.day = scorecard_day(n.incident_at) AND s.next_start IS NOT NULL
                WHERE n.partnership_id = :partnership AND n.superseded_by IS NULL AND n.kind = 'domestic-abuse'
                """;
    }
}
