package org.safeguarding.hub.scorecard.measures;

import org.safeguarding.hub.scorecard.EventComputation;
import org.safeguarding.hub.scorecard.MeasureDefinition;

/** Contacts received, once each, on the local day they were received; by referring agency and MASH team (004:L1769). */
public final class ContactsReceived implements EventComputation {

    @Override
    public String name() {
        return "contacts-received";
    }

    @Override
    public String sql(MeasureDefinition measure) {
        return """
                SELECT scorecard_day(c.received_at) AS day, 1 AS num, 0 AS den,
                       c.referrer_agency_id AS agency, c.team, NULL::text AS category
                FROM contact c
                WHERE c.partnership_id = :partnership AND c.superseded_by IS NULL
                """;
    }
}
