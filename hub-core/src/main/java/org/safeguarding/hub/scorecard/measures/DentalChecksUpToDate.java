package org.safeguarding.hub.scorecard.measures;

import org.safeguarding.hub.scorecard.SnapshotComputation;

/** Children in care on the day (entered on or before it, not left by it) with a dental check on or after the same date N months before (004:L1161). */
public final class DentalChecksUpToDate extends ParameterisedComputation implements SnapshotComputation {

    public DentalChecksUpToDate() {
        super("dental-checks-up-to-date", "within-months");
    }

    @Override
    protected String template() {
        return """
                SELECT a.day, bool_or(h.id IS NOT NULL)::int AS num, 1 AS den,
                       NULL::text AS agency, NULL::text AS team, NULL::text AS category
                FROM as_at a
                JOIN period_in_care p ON p.started_on <= a.day AND (p.ended_on IS NULL OR p.ended_on > a.day)
                LEFT JOIN health_event h ON h.child_id = p.child_id AND h.partnership_id = p.partnership_id
                      AND h.kind = 'dental-check' AND h.superseded_by IS NULL AND scorecard_day(h.occurred_at) <= a.day
                      AND scorecard_day(h.occurred_at) >= (a.day - make_interval(months => %d))::date
                WHERE p.partnership_id = :partnership AND p.superseded_by IS NULL
                GROUP BY a.day, p.child_id
                """;
    }
}
