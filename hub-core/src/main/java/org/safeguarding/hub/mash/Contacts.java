package org.safeguarding.hub.mash;

import org.safeguarding.hub.action.MashRefusal;
import org.safeguarding.hub.database.SqlTime;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;

/**
 * Reads contacts. A contact corrected by its partner (same agency and partner record id) is a new
 * row superseding the old one; the MASH's state of the contact (first received time, rating, due
 * time, decision) is on the current version and kept by {@link ContactStates}.
 */
public final class Contacts {

    static final String COLUMNS = """
            c.id, c.partnership_id, c.child_id, c.received_at, c.referrer_agency_id, c.referrer_name,
            c.referrer_level_of_need, c.team, c.source_agency_id, c.partner_record_id, c.superseded_by""";

    private final JdbcClient jdbc;

    public Contacts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Contact> find(String partnershipId, UUID contactId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM contact c WHERE c.id = :id AND c.partnership_id = :partnership")
                .param("id", contactId).param("partnership", partnershipId).query(Contacts::map).optional();
    }

    /**
     * The partnership's contact (the version {@code contactId} names).
     *
     * @throws MashRefusal not found when the partnership has no such contact
     */
    public Contact require(String partnershipId, UUID contactId) {
        return find(partnershipId, contactId)
                .orElseThrow(() -> MashRefusal.notFound("no contact " + contactId + " in partnership " + partnershipId));
    }

    /** Any partnership's contact; for callers that check ownership themselves. */
    public Optional<Contact> find(UUID contactId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM contact c WHERE c.id = :id").param("id", contactId)
                .query(Contacts::map).optional();
    }

    /** The contact's current version, following corrections (superseded_by) to the end. */
    public Contact current(Contact contact) {
        Contact at = contact;
        while (at.supersededBy() != null) {
            at = find(at.partnershipId(), at.supersededBy()).orElseThrow();
        }
        return at;
    }

    /** The current (not superseded) contact a partner knows by its own record id, if it has arrived. */
    public Optional<Contact> byPartnerRecord(String partnershipId, String agencyId, String partnerRecordId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM contact c WHERE c.partnership_id = :partnership"
                        + " AND c.source_agency_id = :agency AND c.partner_record_id = :record AND c.superseded_by IS NULL")
                .param("partnership", partnershipId).param("agency", agencyId).param("record", partnerRecordId)
                .query(Contacts::map).optional();
    }

    /**
     * The child's first-received current contact in the partnership (least {@code received_at}, UTC), if any:
     * nothing the MASH does about the child can precede it.
     */
    public Optional<Contact> firstAbout(String partnershipId, UUID childId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM contact c WHERE c.partnership_id = :partnership"
                        + " AND c.child_id = :child AND c.superseded_by IS NULL ORDER BY c.received_at, c.id LIMIT 1")
                .param("partnership", partnershipId).param("child", childId).query(Contacts::map).optional();
    }

    static Contact map(ResultSet rs, int row) throws SQLException {
        return new Contact(rs.getObject("id", UUID.class), rs.getString("partnership_id"),
                rs.getObject("child_id", UUID.class), SqlTime.instant(rs, "received_at"),
                rs.getString("referrer_agency_id"), rs.getString("referrer_name"), rs.getInt("referrer_level_of_need"),
                rs.getString("team"), rs.getString("source_agency_id"), rs.getString("partner_record_id"),
                rs.getObject("superseded_by", UUID.class));
    }
}
