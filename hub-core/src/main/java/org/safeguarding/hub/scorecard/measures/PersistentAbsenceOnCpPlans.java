package org.safeguarding.hub.scorecard.measures;

import org.safeguarding.hub.scorecard.SnapshotComputation;

/** Children on a child protection plan on the day whose latest attendance record in the 3 months up to the day (detail attendancePercent, as the education feed writes it) is below the threshold (001:L1489). */
public final class PersistentAbsenceOnCpPlans extends ParameterisedComputation implements SnapshotComputation {

    public PersistentAbsenceOnCpPlans() {
        super("persistent-absence-on-cp-plans", "attendance-below-percent");
    }

    @Override
    protected String template() {
        return """
                SELECT day, (percent < %d)::int AS num, 1 AS den,
                       NULL::text AS agency, NULL::text AS team, NULL::text AS category
                FROM (SELECT DISTINCT ON (o.day, o.child_id) o.day, o.child_id,
                             (e.detail ->> 'attendancePercent')::numeric AS percent
                      FROM (SELECT DISTINCT a.day, p.child_id FROM as_at a
                            JOIN child_protection_plan p ON p.started_on <= a.day AND (p.ended_on IS NULL OR p.ended_on > a.day)
                            WHERE p.partnership_id = :partnership AND p.superseded_by IS NULL) o
                      JOIN education_event e ON e.child_id = o.child_id AND e.partnership_id = :partnership
                       AND e.kind = 'attendance' AND e.superseded_by IS NULL AND e.detail ->> 'attendancePercent' IS NOT NULL
                       AND e.occurred_on <= o.day AND e.occurred_on > (o.day - interval '3 months')::date
                      ORDER BY o.day, o.child_id, e.occurred_on DESC) latest
                """;
    }
}
