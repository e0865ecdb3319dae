package org.safeguarding.hub.mash;

import org.safeguarding.hub.database.SqlTime;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A child's multi-agency timeline for the MASH screen: which agency said what, and when, from every
 * current (not superseded) record about the child, newest first, at most 200 lines. Dates without a
 * time are placed at the start of their Europe/London day. Read through {@link ContactViews#screen},
 * after the contact's partnership is checked.
 */
public final class ChildTimeline {

    /** One line: when, which agency, what kind of record, and a short text. */
    public record Entry(Instant at, String agencyId, String kind, String detail) {
    }

    private static final String DAY = "(%s::timestamp AT TIME ZONE 'Europe/London')";

    // One SELECT per canonical table: (at, agency, kind, detail); the union is sorted by time.
    private static final String SQL = String.join(" UNION ALL ",
            "SELECT received_at AS at, referrer_agency_id AS agency, 'contact' AS kind, concerns AS detail FROM contact WHERE child_id = :child AND superseded_by IS NULL",
            "SELECT d.decided_at, d.source_agency_id, 'threshold decision', d.outcome || ' (level ' || d.level_of_need || '): ' || d.rationale FROM threshold_decision d JOIN contact c ON c.id = d.contact_id WHERE c.child_id = :child AND d.superseded_by IS NULL",
            "SELECT referred_at, source_agency_id, 'referral', CASE WHEN withdrawn_at IS NOT NULL THEN 'withdrawn (decision changed)' WHEN confirms_referral_id IS NOT NULL THEN 'the council''s record of the MASH referral' ELSE '' END FROM referral WHERE child_id = :child AND superseded_by IS NULL",
            "SELECT held_at, source_agency_id, 'strategy discussion', '' FROM strategy_discussion WHERE child_id = :child AND superseded_by IS NULL",
            "SELECT " + DAY.formatted("started_on") + ", source_agency_id, 'section 47 enquiry', coalesce(outcome, 'open') FROM section47_enquiry WHERE child_id = :child AND superseded_by IS NULL",
            "SELECT " + DAY.formatted("held_on") + ", source_agency_id, 'initial child protection conference', coalesce(outcome, '') FROM icpc WHERE child_id = :child AND superseded_by IS NULL",
            "SELECT " + DAY.formatted("started_on") + ", source_agency_id, 'child protection plan', coalesce(category, '') || CASE WHEN ended_on IS NULL THEN '' ELSE ', ended ' || ended_on END FROM child_protection_plan WHERE child_id = :child AND superseded_by IS NULL",
            "SELECT " + DAY.formatted("started_on") + ", source_agency_id, 'period in care', coalesce(legal_status, '') || CASE WHEN ended_on IS NULL THEN '' ELSE ', ended ' || ended_on END FROM period_in_care WHERE child_id = :child AND superseded_by IS NULL",
            "SELECT offered_at, source_agency_id, 'return interview', CASE WHEN held_at IS NULL THEN 'offered' ELSE 'held' END FROM return_interview WHERE child_id = :child AND superseded_by IS NULL",
            "SELECT assessed_at, source_agency_id, 'exploitation risk', exploitation_type || ': ' || level FROM exploitation_risk_assessment WHERE child_id = :child AND superseded_by IS NULL",
            "SELECT " + DAY.formatted("started_on") + ", source_agency_id, 'assessment', CASE WHEN completed_on IS NULL THEN 'open' ELSE 'completed ' || completed_on END FROM assessment WHERE child_id = :child AND superseded_by IS NULL",
            "SELECT reported_at, source_agency_id, 'missing episode', CASE WHEN ended_at IS NULL THEN 'still missing' ELSE 'returned' END FROM missing_episode WHERE child_id = :child AND superseded_by IS NULL",
            "SELECT incident_at, source_agency_id, 'police: ' || kind, coalesce(summary, '') FROM police_notification WHERE child_id = :child AND superseded_by IS NULL",
            "SELECT occurred_at, source_agency_id, 'health: ' || kind, '' FROM health_event WHERE child_id = :child AND superseded_by IS NULL",
            "SELECT " + DAY.formatted("occurred_on") + ", source_agency_id, 'education: ' || kind, '' FROM education_event WHERE child_id = :child AND superseded_by IS NULL");

    private final JdbcClient jdbc;

    ChildTimeline(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The child's timeline, newest first; instants are UTC. */
    List<Entry> of(UUID childId) {
        return jdbc.sql("SELECT * FROM (" + SQL + ") t ORDER BY at DESC LIMIT 200").param("child", childId)
                .query((rs, n) -> new Entry(SqlTime.instant(rs, "at"), rs.getString("agency"), rs.getString("kind"),
                        rs.getString("detail"))).list();
    }
}
