package org.safeguarding.hub.scorecard.measures;

import org.safeguarding.hub.scorecard.EventComputation;
import org.safeguarding.hub.scorecard.MeasureDefinition;

/** RAG-rated contacts decided by the due time of their current RAG rating (a re-rating supersedes the earlier one, so there is one); category is the rating (red, amber, green). */
public final class ContactsDecidedWithinRagClock implements EventComputation {

    @Override
    public String name() {
        return "contacts-decided-within-rag-clock";
    }

    @Override
    public String sql(MeasureDefinition measure) {
        return """
                SELECT scorecard_day(c.received_at) AS day, coalesce(td.decided_at <= rr.due_at, false)::int AS num,
                       1 AS den, c.referrer_agency_id AS agency, c.team, rr.rating AS category
                FROM contact c
                JOIN rag_rating rr ON rr.contact_id = c.id AND rr.partnership_id = :partnership AND rr.superseded_by IS NULL
                LEFT JOIN threshold_decision td ON td.contact_id = c.id AND td.superseded_by IS NULL
                WHERE c.partnership_id = :partnership AND c.superseded_by IS NULL
                """;
    }
}
