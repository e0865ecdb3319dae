package org.safeguarding.hub.scorecard.measures;

/**
 * The facts every contact measure counts, one row per contact of the partnership that is current or
 * has a current threshold decision: its local day received, referring agency and MASH team, its
 * current decision (and that decision's local day), its current RAG rating (MashDesk supersedes the
 * previous rating when it re-rates, so there is at most one), whether a current referral points at
 * it, and the working-day keys of the decision day and of the day its first feedback notice was
 * delivered (002:L184). The engine reads it once per scorecard for all the contact measures.
 *
 * <p>Working-day keys are looked up by position in the {@code wd} keys (one per day from its first
 * day) rather than joined: two hash joins to the day table per contact cost more than the rest of
 * the facts (a million contacts: about 7 s with the joins, 3 s without).
 */
final class ContactFacts {

    static final String SQL = """
            WITH wd_keys AS (SELECT min(day) AS first_day, array_agg(k ORDER BY day) AS keys FROM wd)
            SELECT c.received_day, c.received_at, c.referrer_agency_id AS agency, c.team, c.referrer_level_of_need,
                   c.superseded_by IS NULL AS current_contact,
                   td.id IS NOT NULL AS decided, td.decided_at, td.decided_day, td.outcome, td.level_of_need,
                   rr.rating, rr.due_at,
                   r.contact_id IS NOT NULL AS referred,
                   (SELECT keys FROM wd_keys)[td.decided_day - (SELECT first_day FROM wd_keys) + 1] AS decided_key,
                   (SELECT keys FROM wd_keys)[fb.delivered_day - (SELECT first_day FROM wd_keys) + 1] AS feedback_key
            FROM contact c
            LEFT JOIN threshold_decision td ON td.contact_id = c.id AND td.superseded_by IS NULL
            LEFT JOIN (SELECT DISTINCT r.contact_id FROM referral r
                       WHERE r.partnership_id = :partnership AND r.superseded_by IS NULL AND r.contact_id IS NOT NULL) r ON r.contact_id = c.id
            LEFT JOIN rag_rating rr ON rr.contact_id = c.id AND rr.partnership_id = :partnership AND rr.superseded_by IS NULL
            LEFT JOIN (SELECT o.decision_id, min(o.delivered_day) AS delivered_day FROM outbox o
                       WHERE o.partnership_id = :partnership AND o.decision_id IS NOT NULL AND o.status = 'delivered'
                       GROUP BY 1) fb ON fb.decision_id = td.id
            WHERE c.partnership_id = :partnership AND (c.superseded_by IS NULL OR td.id IS NOT NULL)
            """;

    private ContactFacts() {
    }
}
