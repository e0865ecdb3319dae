package org.safeguarding.hub.scorecard.measures;

import org.safeguarding.hub.scorecard.EventComputation;

/** Ended police missing episodes after which the same child was reported missing again within N hours of the end (004:L2414). */
public final class MissingAgainWithinHours extends ParameterisedComputation implements EventComputation {

    public MissingAgainWithinHours() {
        super("missing-again-within-hours", "within-hours");
    }

    @Override
    protected String template() {
        return """
                SELECT scorecard_day(ended_at) AS day,
                       (next_start IS NOT NULL AND next_start <= ended_at + make_interval(hours => %d))::int AS num,
                       1 AS den, NULL::text AS agency, NULL::text AS team, NULL::text AS category
                FROM (SELECT me.ended_at,
                             lead(me.reported_at) OVER (PARTITION BY me.child_id ORDER BY me.reported_at, me.id) AS next_start
                      FROM missing_episode me JOIN agency ag ON ag.id = me.source_agency_id AND ag.kind = 'police'
                      WHERE me.partnership_id = :partnership AND me.superseded_by IS NULL) episodes
                WHERE ended_at IS NOT NULL
                """;
    }
}
