package org.safeguarding.hub.scorecard.measures;

import org.safeguarding.hub.scorecard.EventComputation;

/** Police missing episodes ended with a return interview offered within N elapsed hours of the end (004:L1051). */
public final class ReturnInterviewsWithinHours extends ParameterisedComputation implements EventComputation {

    public ReturnInterviewsWithinHours() {
        super("return-interviews-within-hours", "within-hours");
    }

    @Override
    protected String template() {
        return """
                SELECT scorecard_day(me.ended_at) AS day,
                       coalesce(ri.first_offer <= me.ended_at + make_interval(hours => %d), false)::int AS num,
                       1 AS den, NULL::text AS agency, NULL::text AS team, NULL::text AS category
                FROM missing_episode me
                JOIN agency ag ON ag.id = me.source_agency_id AND ag.kind = 'police'
                LEFT JOIN (SELECT missing_episode_id, min(offered_at) AS first_offer FROM return_interview
                           WHERE partnership_id = :partnership AND superseded_by IS NULL
                           GROUP BY missing_episode_id) ri ON ri.missing_episode_id = me.id
                WHERE me.partnership_id = :partnership AND me.superseded_by IS NULL AND me.ended_at IS NOT NULL
                """;
    }
}
