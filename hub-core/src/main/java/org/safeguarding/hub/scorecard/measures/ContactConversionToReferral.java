package org.safeguarding.hub.scorecard.measures;

import org.safeguarding.hub.scorecard.EventComputation;
import org.safeguarding.hub.scorecard.MeasureDefinition;

/** Contacts received that became a referral to social care (a current referral points at the contact). */
public final class ContactConversionToReferral implements EventComputation {

    @Override
    public String name() {
        return "contact-conversion-to-referral";
    }

    @Override
    public String sql(MeasureDefinition measure) {
        return """
                SELECT scorecard_day(c.received_at) AS day,
                       (c.id IN (SELECT r.contact_id FROM referral r
                                 WHERE r.partnership_id = :partnership AND r.superseded_by IS NULL AND r.contact_id IS NOT NULL))::int AS num,
                       1 AS den, c.referrer_agency_id AS agency, c.team, NULL::text AS category
                FROM contact c
                WHERE c.partnership_id = :partnership AND c.superseded_by IS NULL
                """;
    }
}
