package org.safeguarding.hub.scorecard.measures;

import org.safeguarding.hub.scorecard.EventComputation;

/**
 * Referrals whose child's previous referral was on or after the same calendar date N months earlier
 * (docs/domain.md "Within 12 months"; 004:L2413). Each referral counts once (counted_referral, V44): the
 * council's record confirming the MASH's referral is not a re-referral, nor is a withdrawn one.
 */
public final class ReReferralsWithinMonths extends ParameterisedComputation implements EventComputation {

    public ReReferralsWithinMonths() {
        super("re-referrals-within-months", "within-months");
    }

    @Override
    protected String template() {
        return """
                SELECT day, (previous IS NOT NULL AND previous >= (day - make_interval(months => %d))::date)::int AS num,
                       1 AS den, NULL::text AS agency, NULL::text AS team, NULL::text AS category
                FROM (SELECT r.referred_day AS day,
                             lag(r.referred_day) OVER (PARTITION BY r.child_id ORDER BY r.referred_at, r.id) AS previous
                      FROM counted_referral r
                      WHERE r.partnership_id = :partnership) referrals
                """;
    }
}
