package org.safeguarding.hub.scorecard.measures;

import org.safeguarding.hub.scorecard.EventComputation;

/** Contacts received with a threshold decision within N elapsed hours of receipt (004:L1837 "24 hours to process any contacts"); exactly N hours is in time. */
public final class ContactsDecidedWithinHours extends ParameterisedComputation implements EventComputation {

    public ContactsDecidedWithinHours() {
        super("contacts-decided-within-hours", "within-hours");
    }

    @Override
    protected String template() {
        return """
                SELECT scorecard_day(c.received_at) AS day,
                       coalesce(td.decided_at <= c.received_at + make_interval(hours => %d), false)::int AS num,
                       1 AS den, c.referrer_agency_id AS agency, c.team, NULL::text AS category
                FROM contact c
                LEFT JOIN threshold_decision td ON td.contact_id = c.id AND td.superseded_by IS NULL
                WHERE c.partnership_id = :partnership AND c.superseded_by IS NULL
                """;
    }
}
