package org.safeguarding.hub.scorecard.measures;

import org.safeguarding.hub.scorecard.EventComputation;
import org.safeguarding.hub.scorecard.MeasureDefinition;

/**
 * Operation Encompass notices (one per police domestic abuse record and child, V70) whose school had
 * the notice before it was due: before the start of the next school day after the incident. The due
 * time is the notice's own ({@code encompass_notice.incident_due_at}, set by encompass.EncompassNotices
 * from school-terms.yml; a correction of the police record counts with the notice it corrects, V85), so the measure, the school's view and the escalation sweep share one rule.
 * The school had it at the outbox delivery (or its first fetch), or when the police report telling it
 * themselves. Notices whose next school day school-terms.yml does not reach are not counted; notices
 * refused or waiting on the review list count as not told.
 */
public final class EncompassBeforeNextSchoolDay implements EventComputation {

    @Override
    public String name() {
        return "encompass-before-next-school-day";
    }

    @Override
    public String sql(MeasureDefinition measure) {
        return """
                SELECT scorecard_day(n.incident_at) AS day,
                       coalesce(least(n.school_told_at, o.delivered_at) < n.incident_due_at, false)::int AS num,
                       1 AS den, n.police_agency_id AS agency, NULL::text AS team, NULL::text AS category
                FROM encompass_notice n
                LEFT JOIN outbox o ON o.idempotency_key = n.outbox_key
                WHERE n.partnership_id = :partnership AND n.incident_due_at IS NOT NULL AND n.corrects IS NULL
                """;
    }
}
