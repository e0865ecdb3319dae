package org.safeguarding.hub.scorecard.measures;

/**
 * The facts every contact measure counts, one row per contact of the partnership (its current
 * version, which holds its state, mash.ContactStates): its local day first received, referring
 * agency and MASH team, its current decision across versions (and that decision's local day), its
 * current RAG rating and the due time it sets, whether a counted referral follows it (on the version
 * decided, else the contact), and the working-day keys of the decision day and of the day its first
 * feedback notice was delivered (002:L184). The engine reads it once per scorecard for all the
 * contact measures.
 *
 * <p>Working-day keys are looked up by position in the {@code :wd_keys} array (one per day from the
 * first of {@code :wd_days}) rather than joined: two hash joins to the day table per contact cost
 * more than the rest of the facts (a million contacts: about 7 s with the joins, 3 s without). The
 * arrays are cast once (an InitPlan each).
 *
 * <p>Each decision's first delivered notice is joined outside the contact rows ({@code OFFSET 0}
 * keeps them a subquery of their own): otherwise PostgreSQL reads the contact rows with parallel
 * workers and every worker aggregates the whole outbox again (a million notices: 3.8 s each, most
 * of the query).
 */
final class ContactFacts {

    static final String SQL = """
            SELECT f.*, (SELECT CAST(:wd_keys AS int[]))[fb.delivered_day - (SELECT CAST(:wd_days AS date[]))[1] + 1] AS feedback_key
            FROM (SELECT c.received_day, c.received_at, c.referrer_agency_id AS agency, c.team, c.referrer_level_of_need,
                         c.superseded_by IS NULL AS current_contact,
                         td.id AS decision_id, td.id IS NOT NULL AS decided, td.decided_at, td.decided_day, td.outcome,
                         td.level_of_need, c.rating, c.due_at, r.contact_id IS NOT NULL AS referred,
                         (SELECT CAST(:wd_keys AS int[]))[td.decided_day - (SELECT CAST(:wd_days AS date[]))[1] + 1] AS decided_key
                  FROM contact c
                  LEFT JOIN threshold_decision td ON td.id = c.decision_id
                  LEFT JOIN (SELECT DISTINCT r.contact_id FROM counted_referral r
                             WHERE r.partnership_id = :partnership AND r.contact_id IS NOT NULL) r
                         ON r.contact_id = coalesce(td.contact_id, c.id)
                  WHERE c.partnership_id = :partnership AND c.superseded_by IS NULL
                  OFFSET 0) f
            LEFT JOIN (SELECT o.decision_id, min(o.delivered_day) AS delivered_day FROM outbox o
                       WHERE o.partnership_id = :partnership AND o.decision_id IS NOT NULL AND o.status = 'delivered'
                       GROUP BY 1) fb ON fb.decision_id = f.decision_id
            """;

    private ContactFacts() {
    }
}
