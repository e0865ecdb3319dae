package org.safeguarding.hub.scorecard.measures;

import org.safeguarding.hub.scorecard.SnapshotComputation;
import org.safeguarding.hub.scorecard.MeasureDefinition;

import java.util.List;

/** Children on a child protection plan on the day whose latest attendance record in the 3 months up to the day (detail attendance-percent) is below the threshold (001:L1489). */
public final class PersistentAbsenceOnCpPlans implements SnapshotComputation {

    @Override
    public String name() {
        return "persistent-absence-on-cp-plans";
    }

    @Override
    public List<String> requiredParameters() {
        return List.of("attendance-below-percent");
    }

    @Override
    public String sql(MeasureDefinition measure) {
        return """
                SELECT a.day, (att.percent < %d)::int AS num, 1 AS den,
                       NULL::text AS agency, NULL::text AS team, NULL::text AS category
                FROM as_at a
                JOIN (SELECT DISTINCT partnership_id, child_id, started_on, ended_on FROM child_protection_plan
                      WHERE partnership_id = :partnership AND superseded_by IS NULL) p
                  ON p.started_on <= a.day AND (p.ended_on IS NULL OR p.ended_on > a.day)
                JOIN LATERAL (SELECT (e.detail ->> 'attendance-percent')::numeric AS percent FROM education_event e
                              WHERE e.partnership_id = p.partnership_id AND e.child_id = p.child_id AND e.kind = 'attendance'
                                AND e.superseded_by IS NULL AND e.detail ->> 'attendance-percent' IS NOT NULL
                                AND e.occurred_on <= a.day AND e.occurred_on > (a.day - interval '3 months')::date
                              ORDER BY e.occurred_on DESC LIMIT 1) att ON true
                """.formatted(measure.parameter("attendance-below-percent"));
    }
}
