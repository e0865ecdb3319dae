package org.safeguarding.hub.scorecard.measures;

import org.safeguarding.hub.scorecard.EventComputation;
import org.safeguarding.hub.scorecard.MeasureDefinition;

/** Contacts received whose current threshold decision is no further action; undecided contacts stay in the denominator. */
public final class ContactsNoFurtherAction implements EventComputation {

    @Override
    public String name() {
        return "contacts-no-further-action";
    }

    @Override
    public String sql(MeasureDefinition measure) {
        return """
                SELECT scorecard_day(c.received_at) AS day, coalesce(td.outcome = 'no-further-action', false)::int AS num,
                       1 AS den, c.referrer_agency_id AS agency, c.team, NULL::text AS category
                FROM contact c
                LEFT JOIN threshold_decision td ON td.contact_id = c.id AND td.superseded_by IS NULL
                WHERE c.partnership_id = :partnership AND c.superseded_by IS NULL
                """;
    }
}
