package org.safeguarding.hub.pathway;

import org.safeguarding.hub.database.SqlRow;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The MASH's referrals to social care (docs/pathway.md, first row): a threshold decision whose
 * outcome refers to social care (mash.DecisionOutcome#refersToSocialCare) creates the contact's referral in the decision's
 * transaction, {@code referred_at} = decided at, with the decision's provenance. A later decision
 * that still refers keeps that referral (one referral, the first time); one that no longer refers
 * withdraws it ({@code withdrawn_at} = the new decision's time), so it stops counting. Each MASH
 * action then links the child's pathway again ({@link PathwayLinks}).
 */
public final class Referrals {

    private final JdbcClient jdbc;
    private final PathwayLinks links;
    private final Clock clock;

    public Referrals(JdbcClient jdbc, PathwayLinks links, Clock clock) {
        this.jdbc = jdbc;
        this.links = links;
        this.clock = clock;
    }

    /**
     * A threshold decision was just written on the contact: creates, keeps or withdraws the
     * contact's referral and links the child. Call inside the decision's transaction.
     *
     * @param refers         whether the decision's outcome refers to social care (the one rule:
     *                       mash.DecisionOutcome#refersToSocialCare)
     * @param sourceAgencyId and {@code sourceMessageId}: the decision's provenance, which the referral shares
     */
    public void decided(UUID contactId, UUID decisionId, boolean refers, Instant decidedAt, String sourceAgencyId,
                        UUID sourceMessageId) {
        UUID current = ofContact(contactId);
        if (refers && current == null) {
            jdbc.sql("""
                    INSERT INTO referral (id, partnership_id, child_id, contact_id, referred_at, decision_id,
                                          source_agency_id, source_message_id, source_position, recorded_at)
                    SELECT :id, c.partnership_id, c.child_id, c.id, :referredAt, :decision, :agency, :message, 0, :recordedAt
                    FROM contact c WHERE c.id = :contact""")
                    .paramSource(new SqlRow().uuid("id", UUID.randomUUID()).instant("referredAt", decidedAt)
                            .uuid("decision", decisionId).text("agency", sourceAgencyId).uuid("message", sourceMessageId)
                            .instant("recordedAt", clock.instant()).uuid("contact", contactId)).update();
        } else if (!refers && current != null) {
            jdbc.sql("UPDATE referral SET withdrawn_at = :at WHERE id = :id")
                    .paramSource(new SqlRow().instant("at", decidedAt).uuid("id", current)).update();
        }
        links.linkChildren(jdbc.sql("SELECT child_id FROM contact WHERE id = :contact").param("contact", contactId)
                .query(UUID.class).list());
    }

    /** The MASH's current referral of the contact (made by a referring decision, not withdrawn), or null. */
    public UUID ofContact(UUID contactId) {
        return jdbc.sql(PathwayLinks.MASH_REFERRAL_OF_CONTACT.formatted("c.id = :contact"))
                .param("contact", contactId).query(UUID.class).optional().orElse(null);
    }

    /**
     * A strategy discussion was just recorded by the MASH: links it to the referral of the contact
     * it names (when that contact was referred), else by the {@code strategy-discussion} rule.
     */
    public void discussionRecorded(UUID childId) {
        links.linkChildren(List.of(childId));
    }
}
