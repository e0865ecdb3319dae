package org.safeguarding.hub.scorecard.measures;

import org.safeguarding.hub.scorecard.EventComputation;

/**
 * Strategy discussions held within N elapsed hours of the referral they follow (001:L3757); exactly N
 * hours is in time. Each discussion counts once (counted_strategy_discussion, V44: a police record of
 * the MASH's discussion is not another); one linked to no referral has no clock and is listed at
 * pathway/unlinked.
 */
public final class StrategyDiscussionsWithinHours extends ParameterisedComputation implements EventComputation {

    public StrategyDiscussionsWithinHours() {
        super("strategy-discussions-within-hours", "within-hours");
    }

    @Override
    protected String template() {
        return """
                SELECT scorecard_day(sd.held_at) AS day,
                       (sd.held_at <= r.referred_at + make_interval(hours => %d))::int AS num,
                       1 AS den, NULL::text AS agency, NULL::text AS team, NULL::text AS category
                FROM counted_strategy_discussion sd
                JOIN referral r ON r.id = sd.referral_id
                WHERE sd.partnership_id = :partnership
                """;
    }
}
