package org.safeguarding.hub.scorecard.measures;

import org.safeguarding.hub.scorecard.EventComputation;
import org.safeguarding.hub.scorecard.MeasureDefinition;

import java.util.List;

/** Strategy discussions held within N elapsed hours of the referral they follow (001:L3757); exactly N hours is in time. */
public final class StrategyDiscussionsWithinHours implements EventComputation {

    @Override
    public String name() {
        return "strategy-discussions-within-hours";
    }

    @Override
    public List<String> requiredParameters() {
        return List.of("within-hours");
    }

    @Override
    public String sql(MeasureDefinition measure) {
        return """
                SELECT scorecard_day(sd.held_at) AS day,
                       (sd.held_at <= r.referred_at + make_interval(hours => %d))::int AS num,
                       1 AS den, NULL::text AS agency, NULL::text AS team, NULL::text AS category
                FROM strategy_discussion sd
                JOIN referral r ON r.id = sd.referral_id
                WHERE sd.partnership_id = :partnership AND sd.superseded_by IS NULL
                """.formatted(measure.parameter("within-hours"));
    }
}
