package org.safeguarding.hub.pathway;

import org.safeguarding.hub.intake.CanonicalFact;
import org.safeguarding.hub.intake.IntakeRules;
import org.safeguarding.hub.intake.ParsedRecord;
import org.safeguarding.hub.intake.RecordOutcome;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Links the steps of children's pathways (docs/pathway.md): after every partner message (as
 * {@link IntakeRules#written}) and every MASH action ({@link #linkChildren}), for the children
 * touched, each current step's link is worked out again from what its partner sent:
 * <ol>
 *   <li>a reference (a {@code *_ref} column) names the predecessor: the same agency's own record id
 *       for council records, the hub's id for a MASH record, the police's episode reference (of the
 *       named police agency, or of the only police agency with that reference) for a missing
 *       episode. A reference that names nothing the hub holds leaves the link empty and stays as
 *       sent; it resolves when the step it names arrives, since that step's child is linked again.
 *       A reference links only to a record about the same child: one that names another child's
 *       record (a keying slip, or two hub records of one child not yet merged) leaves the step
 *       unlinked and listed for review, never joined to another child's pathway;</li>
 *   <li>otherwise the matching rule of {@link PathwayRules}: the same child's most recent
 *       predecessor within the configured window.</li>
 * </ol>
 * Every link records how it was made in {@code linked_by} ({@code reference} or {@code rule}).
 * Working links out again rather than only filling gaps lets late data win: a section 47 that
 * arrives after its ICPC, a correction superseding a predecessor. One statement per link,
 * restricted to the children touched; a row is written only when its link changes, so a re-sent
 * message changes nothing.
 */
public final class PathwayLinks implements IntakeRules {

    /** The canonical tables whose rows are steps or predecessors of a pathway. */
    static final Set<String> PATHWAY_TABLES = Set.of("referral", "strategy_discussion", "section47_enquiry", "icpc",
            "child_protection_plan", "assessment", "return_interview", "missing_episode");

    /** The hub's referral (not withdrawn, not superseded) from a decision on any version of contact {@code %s}. */
    static final String MASH_REFERRAL_OF_CONTACT = """
            SELECT r.id FROM referral r
            JOIN contact v ON v.id = r.contact_id
            JOIN contact c ON v.id = c.id OR (v.source_agency_id = c.source_agency_id AND v.partner_record_id = c.partner_record_id)
            WHERE %s AND r.decision_id IS NOT NULL AND r.withdrawn_at IS NULL AND r.superseded_by IS NULL
            ORDER BY r.referred_at DESC, r.id LIMIT 1""";

    private static final String DEFAULT_LINKED_BY =
            "CASE WHEN m.link IS NULL THEN NULL WHEN m.by_ref THEN 'reference' ELSE 'rule' END";

    private final JdbcClient jdbc;
    private final PathwayRules rules;

    public PathwayLinks(JdbcClient jdbc, PathwayRules rules) {
        this.jdbc = jdbc;
        this.rules = rules;
    }

    /**
     * Refuses a return interview naming, as its missing episode's agency, one that is not a police
     * agency the hub knows (field {@code missingEpisode.agency}): its link could never resolve.
     */
    @Override
    public Optional<ParsedRecord.Invalid> refuse(ParsedRecord.Valid record, Instant receivedAt) {
        String agency = record.fact() instanceof CanonicalFact.ReturnInterview interview
                ? interview.missingEpisodeAgencyId() : null;
        if (agency == null || jdbc.sql("SELECT count(*) FROM agency WHERE id = :agency AND kind = 'police'")
                .param("agency", agency).query(Long.class).single() > 0) {
            return Optional.empty();
        }
        return Optional.of(record.refuse("missingEpisode.agency", "is not a police agency known to this hub; "
                + "leave it out when one police force serves the partnership", agency));
    }

    /** Links the children whose pathway rows a message just wrote. */
    @Override
    public void written(List<RecordOutcome> accepted) {
        Map<String, List<UUID>> rowsByTable = accepted.stream()
                .filter(o -> o.recordId() != null && PATHWAY_TABLES.contains(o.recordType()))
                .collect(Collectors.groupingBy(RecordOutcome::recordType,
                        Collectors.mapping(RecordOutcome::recordId, Collectors.toList())));
        Set<UUID> children = new TreeSet<>();
        // The table name comes from PATHWAY_TABLES, never from the message.
        rowsByTable.forEach((table, ids) -> children.addAll(jdbc.sql(
                        "SELECT DISTINCT child_id FROM " + table + " WHERE id = ANY(CAST(:ids AS uuid[]))")
                .param("ids", array(ids)).query(UUID.class).list()));
        linkChildren(children, rowsByTable.keySet());
    }

    /**
     * Works out every link of these children's current steps again; call it inside the
     * transaction that changed them (a MASH decision, referral or strategy discussion).
     */
    public void linkChildren(Collection<UUID> childIds) {
        linkChildren(childIds, PATHWAY_TABLES);
    }

    /**
     * As {@link #linkChildren(Collection)}, for the links whose step or predecessor is in one of
     * the {@code touched} tables: a message of missing episodes and assessments can change only the
     * return-interview and assessment links, so intake runs 2 statements for it rather than 9.
     */
    private void linkChildren(Collection<UUID> childIds, Set<String> touched) {
        if (childIds.isEmpty()) {
            return;
        }
        String children = array(childIds);
        // The council's referral record -> the MASH's referral (by mashReferralId or contactId).
        if (any(touched, "referral")) link(children, PathwayLink.COUNCIL_REFERRAL, "referral", "confirms_referral_id", "s.decision_id IS NULL",
                "s.mash_referral_ref IS NOT NULL OR s.contact_ref IS NOT NULL",
                """
                SELECT p.id FROM referral p WHERE p.partnership_id = s.partnership_id AND p.child_id = s.child_id
                  AND p.decision_id IS NOT NULL AND p.withdrawn_at IS NULL AND p.superseded_by IS NULL
                  AND (p.id::text = s.mash_referral_ref OR (s.mash_referral_ref IS NULL AND p.id = (%s)))
                ORDER BY p.referred_at DESC, p.id LIMIT 1""".formatted(MASH_REFERRAL_OF_CONTACT.formatted("c.id::text = s.contact_ref")),
                """
                SELECT p.id FROM referral p WHERE p.child_id = s.child_id AND p.decision_id IS NOT NULL
                  AND p.withdrawn_at IS NULL AND p.superseded_by IS NULL
                  AND p.referred_day BETWEEN s.referred_day - :days AND s.referred_day
                ORDER BY p.referred_at DESC, p.id LIMIT 1""", DEFAULT_LINKED_BY);
        // The MASH's strategy discussion -> the referral of the contact it was recorded for, else by rule.
        String contactReferral = MASH_REFERRAL_OF_CONTACT.formatted("c.id = s.contact_id");
        if (any(touched, "strategy_discussion", "referral")) link(children, PathwayLink.STRATEGY_DISCUSSION, "strategy_discussion", "referral_id", "s.partner_record_id IS NULL",
                "(" + contactReferral + ") IS NOT NULL", contactReferral,
                """
                SELECT p.id FROM counted_referral p WHERE p.child_id = s.child_id
                  AND p.referred_day BETWEEN scorecard_day(s.held_at) - :days AND scorecard_day(s.held_at)
                ORDER BY p.referred_at DESC, p.id LIMIT 1""", DEFAULT_LINKED_BY);
        // A police attendance record -> the MASH's discussion (partner_record_id is null only on MASH records).
        if (any(touched, "strategy_discussion")) link(children, PathwayLink.POLICE_ATTENDANCE, "strategy_discussion", "same_as_id", "s.partner_record_id IS NOT NULL",
                "s.strategy_discussion_ref IS NOT NULL",
                """
                SELECT p.id FROM strategy_discussion p WHERE p.partnership_id = s.partnership_id AND p.child_id = s.child_id
                  AND p.partner_record_id IS NULL AND p.superseded_by IS NULL AND p.id::text = s.strategy_discussion_ref""",
                """
                SELECT p.id FROM strategy_discussion p WHERE p.child_id = s.child_id
                  AND p.partner_record_id IS NULL AND p.superseded_by IS NULL
                  AND scorecard_day(p.held_at) BETWEEN scorecard_day(s.held_at) - :days AND scorecard_day(s.held_at)
                ORDER BY p.held_at DESC, p.id LIMIT 1""", DEFAULT_LINKED_BY);
        // Section 47 -> the strategy discussion (the hub's id).
        if (any(touched, "section47_enquiry", "strategy_discussion")) link(children, PathwayLink.SECTION_47, "section47_enquiry", "strategy_discussion_id", "TRUE",
                "s.strategy_discussion_ref IS NOT NULL",
                """
                SELECT p.id FROM counted_strategy_discussion p WHERE p.partnership_id = s.partnership_id
                  AND p.child_id = s.child_id AND p.id::text = s.strategy_discussion_ref""",
                """
                SELECT p.id FROM counted_strategy_discussion p WHERE p.child_id = s.child_id
                  AND scorecard_day(p.held_at) BETWEEN s.started_on - :days AND s.started_on
                ORDER BY p.held_at DESC, p.id LIMIT 1""", DEFAULT_LINKED_BY);
        // ICPC -> the section 47 (the council's own record id); linked_by is settled with its discussion below.
        if (any(touched, "icpc", "section47_enquiry")) link(children, PathwayLink.ICPC, "icpc", "section47_id", "TRUE", "s.section47_ref IS NOT NULL",
                sameAgencyRecord("section47_enquiry", "s.section47_ref"),
                """
                SELECT p.id FROM section47_enquiry p WHERE p.child_id = s.child_id AND p.superseded_by IS NULL
                  AND p.started_on BETWEEN s.held_on - :days AND s.held_on
                ORDER BY p.started_on DESC, p.id LIMIT 1""", "s.linked_by");
        // ICPC -> the strategy discussion: named, else its section 47's, else by rule.
        if (any(touched, "icpc", "section47_enquiry", "strategy_discussion")) link(children, PathwayLink.ICPC, "icpc", "strategy_discussion_id", "TRUE",
                "s.strategy_discussion_ref IS NOT NULL OR s.section47_id IS NOT NULL",
                """
                SELECT CASE WHEN s.strategy_discussion_ref IS NOT NULL
                    THEN (SELECT p.id FROM counted_strategy_discussion p WHERE p.partnership_id = s.partnership_id
                            AND p.child_id = s.child_id AND p.id::text = s.strategy_discussion_ref)
                    ELSE (SELECT e.strategy_discussion_id FROM section47_enquiry e WHERE e.id = s.section47_id) END""",
                """
                SELECT p.id FROM counted_strategy_discussion p WHERE p.child_id = s.child_id
                  AND scorecard_day(p.held_at) BETWEEN s.held_on - :days AND s.held_on
                ORDER BY p.held_at DESC, p.id LIMIT 1""",
                """
                CASE WHEN m.link IS NULL AND s.section47_id IS NULL THEN NULL
                     WHEN (s.section47_ref IS NOT NULL AND s.section47_id IS NOT NULL)
                       OR (s.strategy_discussion_ref IS NOT NULL AND m.link IS NOT NULL) THEN 'reference'
                     ELSE 'rule' END""");
        // Child protection plan -> the ICPC (the council's own record id).
        if (any(touched, "child_protection_plan", "icpc")) link(children, PathwayLink.CHILD_PROTECTION_PLAN, "child_protection_plan", "icpc_id", "TRUE",
                "s.icpc_ref IS NOT NULL", sameAgencyRecord("icpc", "s.icpc_ref"),
                """
                SELECT p.id FROM icpc p WHERE p.child_id = s.child_id AND p.superseded_by IS NULL
                  AND p.held_on BETWEEN s.started_on - :days AND s.started_on
                ORDER BY p.held_on DESC, p.id LIMIT 1""", DEFAULT_LINKED_BY);
        // Assessment -> the referral (the council's referral record id or the hub's referral id), the one that counts.
        if (any(touched, "assessment", "referral")) link(children, PathwayLink.ASSESSMENT, "assessment", "referral_id", "TRUE", "s.referral_ref IS NOT NULL",
                """
                SELECT coalesce(p.confirms_referral_id, p.id) FROM referral p WHERE p.partnership_id = s.partnership_id
                  AND p.child_id = s.child_id AND p.superseded_by IS NULL AND p.withdrawn_at IS NULL
                  AND ((p.source_agency_id = s.source_agency_id AND p.partner_record_id = s.referral_ref)
                       OR p.id::text = s.referral_ref)
                ORDER BY p.referred_at DESC, p.id LIMIT 1""",
                """
                SELECT p.id FROM counted_referral p WHERE p.child_id = s.child_id
                  AND p.referred_day BETWEEN s.started_on - :days AND s.started_on
                ORDER BY p.referred_at DESC, p.id LIMIT 1""", DEFAULT_LINKED_BY);
        // Return interview -> the police missing episode: the named police agency's, or the only one with that reference.
        if (any(touched, "return_interview", "missing_episode")) link(children, PathwayLink.RETURN_INTERVIEW, "return_interview", "missing_episode_id", "TRUE",
                "s.missing_episode_ref IS NOT NULL",
                """
                SELECT (array_agg(p.id))[1] FROM missing_episode p JOIN agency ag ON ag.id = p.source_agency_id AND ag.kind = 'police'
                WHERE p.partnership_id = s.partnership_id AND p.child_id = s.child_id AND p.superseded_by IS NULL
                  AND p.partner_record_id = s.missing_episode_ref
                  AND p.source_agency_id = coalesce(s.missing_episode_agency_id, p.source_agency_id)
                HAVING count(*) = 1""",
                """
                SELECT p.id FROM missing_episode p JOIN agency ag ON ag.id = p.source_agency_id AND ag.kind = 'police'
                WHERE p.child_id = s.child_id AND p.superseded_by IS NULL
                  AND scorecard_day(coalesce(p.ended_at, p.reported_at))
                      BETWEEN scorecard_day(s.offered_at) - :days AND scorecard_day(s.offered_at)
                ORDER BY coalesce(p.ended_at, p.reported_at) DESC, p.id LIMIT 1""", DEFAULT_LINKED_BY);
    }

    /** The same agency's current record of {@code table} whose own id is {@code reference}. */
    private static String sameAgencyRecord(String table, String reference) {
        return """
                SELECT p.id FROM %s p WHERE p.partnership_id = s.partnership_id AND p.child_id = s.child_id
                  AND p.source_agency_id = s.source_agency_id AND p.partner_record_id = %s AND p.superseded_by IS NULL
                ORDER BY p.recorded_at DESC, p.id LIMIT 1""".formatted(table, reference);
    }

    /**
     * Sets {@code column} of the children's current {@code steps} of {@code table} (alias s) to the
     * predecessor {@code byReference} names when {@code hasReference}, else to what {@code byRule}
     * finds within the window of {@code rule} ({@code :days}); {@code linkedBy} says how, from
     * m.link and m.by_ref. Writes only rows whose link or linked_by changes.
     */
    private void link(String children, PathwayLink rule, String table, String column, String steps, String hasReference,
                      String byReference, String byRule, String linkedBy) {
        jdbc.sql("""
                WITH m AS (
                    SELECT s.id AS step, (%3$s) AS by_ref,
                           CASE WHEN (%3$s) THEN (%4$s) ELSE (%5$s) END AS link
                    FROM %1$s s
                    WHERE s.child_id = ANY(CAST(:children AS uuid[])) AND s.superseded_by IS NULL AND (%6$s))
                UPDATE %1$s s SET %2$s = m.link, linked_by = (%7$s)
                FROM m WHERE s.id = m.step
                  AND (s.%2$s IS DISTINCT FROM m.link OR s.linked_by IS DISTINCT FROM (%7$s))
                """.formatted(table, column, hasReference, byReference, byRule, steps, linkedBy))
                .param("children", children).param("days", rules.withinDays(rule)).update();
    }

    private static boolean any(Set<String> touched, String... tables) {
        for (String table : tables) {
            if (touched.contains(table)) {
                return true;
            }
        }
        return false;
    }

    private static String array(Collection<UUID> ids) {
        return ids.stream().map(UUID::toString).collect(Collectors.joining(",", "{", "}"));
    }
}
