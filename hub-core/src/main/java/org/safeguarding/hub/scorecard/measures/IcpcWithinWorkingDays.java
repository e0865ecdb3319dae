package org.safeguarding.hub.scorecard.measures;

import org.safeguarding.hub.scorecard.EventComputation;

/**
 * ICPCs held on or before the N-th working day after the strategy discussion that started the
 * enquiry (002:L203, 004:L1050); the discussion is the ICPC's own or its section 47 enquiry's. An
 * ICPC linked to no discussion stays in the denominator as not shown to be in time (it is listed
 * for review at pathway/unlinked), so a missing link never improves the figure.
 */
public final class IcpcWithinWorkingDays extends ParameterisedComputation implements EventComputation {

    public IcpcWithinWorkingDays() {
        super("icpc-within-working-days", "within-working-days");
    }

    @Override
    protected String template() {
        return """
                SELECT i.held_on AS day, coalesce(h.k <= 2 * (d.k / 2 + %d), false)::int AS num,
                       1 AS den, NULL::text AS agency, NULL::text AS team, NULL::text AS category
                FROM icpc i
                LEFT JOIN section47_enquiry s ON s.id = i.section47_id
                LEFT JOIN strategy_discussion sd ON sd.id = coalesce(i.strategy_discussion_id, s.strategy_discussion_id)
                LEFT JOIN wd d ON d.day = scorecard_day(sd.held_at)
                LEFT JOIN wd h ON h.day = i.held_on
                WHERE i.partnership_id = :partnership AND i.superseded_by IS NULL
                """;
    }
}
