package org.safeguarding.hub.flags;

import org.safeguarding.hub.action.Actor;
import org.safeguarding.hub.audit.AuditEntry;
import org.safeguarding.hub.audit.AuditTrail;
import org.safeguarding.hub.database.SqlTime;
import org.safeguarding.hub.partner.Agency;
import org.safeguarding.hub.partner.PartnerRegistry;
import org.safeguarding.hub.partner.SharedPurpose;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The "child seen" notices sent to a partnership's councils ({@link ChildSeenNotices}), as the MASH
 * staff read them: when and where the child was seen, whether a flag query or an ED attendance raised
 * it, whether the council has it yet, and the child's latest contact in the partnership (whose screen
 * shows the multi-agency timeline) when there is one. Read from the outbox, newest first; each read is
 * audited (purpose direct-care, as the notices were sent for it).
 */
public final class ChildSeenLog {

    /**
     * One notice. {@code how} is {@code flag-query} or {@code ed-attendance}; {@code status} the
     * outbox's (pending, delivered, fetch: waiting for the council to fetch it, dead);
     * {@code deliveredAt} null until the council has it; {@code contactId} null when the child has no
     * contact in the partnership.
     */
    public record Seen(UUID id, String councilId, String councilName, UUID childId, String settingAgencyId,
                       String settingName, Instant seenAt, String how, String status, Instant deliveredAt,
                       UUID contactId) {
    }

    // The child's id is a part of the notice's key (ChildSeenNotices.key, KEY_CHILD_PART)
    // (agency ids are slugs, without colons); the payload names no child (the agreed minimum).
    private static final String SELECT = """
            SELECT o.id, o.destination_agency_id, o.status, o.delivered_at, o.payload->'setting'->>'agency' AS setting,
                   o.payload->'setting'->>'name' AS setting_name, o.payload->>'seenAt' AS seen_at, o.payload->>'how' AS how,
                   k.child_id,
                   (SELECT c.id FROM contact c WHERE c.child_id = k.child_id AND c.partnership_id = o.partnership_id
                      AND c.superseded_by IS NULL ORDER BY c.received_at DESC, c.id LIMIT 1) AS contact_id
            FROM outbox o CROSS JOIN LATERAL (SELECT CAST(split_part(o.idempotency_key, ':', :childPart) AS uuid) AS child_id) k
            WHERE o.partnership_id = :p AND o.message_type = :type
            ORDER BY o.created_at DESC, o.id LIMIT :limit""";

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final PartnerRegistry registry;
    private final AuditTrail audit;

    public ChildSeenLog(JdbcClient jdbc, TransactionTemplate tx, PartnerRegistry registry, AuditTrail audit) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.registry = registry;
        this.audit = audit;
    }

    /** The partnership's notices, newest first, at most {@code limit}; the read is audited for {@code actor}. */
    public List<Seen> forPartnership(String partnershipId, Actor actor, int limit) {
        return tx.execute(t -> {
            List<Seen> seen = jdbc.sql(SELECT).param("p", partnershipId).param("type", ChildSeenNotices.MESSAGE_TYPE).param("childPart", ChildSeenNotices.KEY_CHILD_PART)
                    .param("limit", limit).query(this::map).list();
            audit.append(new AuditEntry(actor.name(), actor.agencyId(), actor.role(), SharedPurpose.DIRECT_CARE.code(),
                    "child-seen-notices-read", "partnership", partnershipId, actor.clientAddress()));
            return seen;
        });
    }

    private Seen map(ResultSet rs, int row) throws SQLException {
        String council = rs.getString("destination_agency_id");
        String seenAt = rs.getString("seen_at");
        return new Seen(rs.getObject("id", UUID.class), council,
                registry.agency(council).map(Agency::name).orElse(council), rs.getObject("child_id", UUID.class),
                rs.getString("setting"), rs.getString("setting_name"), seenAt == null ? null : Instant.parse(seenAt),
                rs.getString("how"), rs.getString("status"), SqlTime.instant(rs, "delivered_at"),
                rs.getObject("contact_id", UUID.class));
    }
}
