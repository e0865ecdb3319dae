package org.safeguarding.hub.encompass;

import org.safeguarding.hub.database.SqlTime;
import org.safeguarding.hub.partner.Agency;
import org.safeguarding.hub.partner.PartnerRegistry;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Builds {@link SchoolNotice}s from the notice records: the one place the school's view of a notice is
 * made, for the outbox's post and the schools' API alike. Reads only; the callers audit.
 */
final class SchoolNoticeSource {

    private static final DateTimeFormatter HOURS_MINUTES = DateTimeFormatter.ofPattern("HH:mm");
    private static final String SELECT = """
            SELECT n.id, n.school_urn, n.kind, n.incident_at, n.child_present, n.police_agency_id, n.due_at, n.corrects,
                   n.withdrawn, n.acknowledged_at, c.given_name, c.family_name, c.date_of_birth, c.birth_date_precision
            FROM encompass_notice n JOIN child c ON c.id = n.child_id
            """;

    private final JdbcClient jdbc;
    private final SchoolRegister schools;
    private final PartnerRegistry registry;
    private final ZoneId zone;

    SchoolNoticeSource(JdbcClient jdbc, SchoolRegister schools, PartnerRegistry registry, ZoneId zone) {
        this.jdbc = jdbc;
        this.schools = schools;
        this.registry = registry;
        this.zone = zone;
    }

    /** The notice {@code id} as its school sees it; empty when there is none (whoever it is addressed to). */
    Optional<SchoolNotice> notice(UUID id) {
        return jdbc.sql(SELECT + " WHERE n.id = :id AND n.school_urn IS NOT NULL").param("id", id).query(this::map).optional();
    }

    /** The notices the school {@code urn} has or is being sent, newest incident first, at most {@code limit}. */
    List<SchoolNotice> forSchool(String urn, int limit) {
        return jdbc.sql(SELECT + """
                WHERE n.school_urn = :urn AND n.status IN ('sent', 'told-by-police')
                ORDER BY n.incident_at DESC, n.id LIMIT :limit""")
                .param("urn", urn).param("limit", limit).query(this::map).list();
    }

    private SchoolNotice map(ResultSet rs, int row) throws SQLException {
        UUID id = rs.getObject("id", UUID.class);
        String urn = rs.getString("school_urn");
        ZonedDateTime local = SqlTime.instant(rs, "incident_at").atZone(zone);
        String agency = rs.getString("police_agency_id");
        Optional<SchoolRegister.Contact> contact = schools.policeContact(agency);
        return new SchoolNotice(id,
                new SchoolNotice.School(urn, schools.school(urn).map(School::name).orElse(null)),
                new SchoolNotice.Child(rs.getString("given_name"), rs.getString("family_name"),
                        EncompassNotices.birthDate(rs.getDate("date_of_birth"), rs.getString("birth_date_precision"))),
                new SchoolNotice.Incident(local.toLocalDate(), local.toLocalTime().format(HOURS_MINUTES), rs.getString("kind"),
                        rs.getBoolean("child_present")),
                new SchoolNotice.PoliceContact(registry.agency(agency).map(Agency::name).orElse(agency),
                        contact.map(SchoolRegister.Contact::name).orElse(null),
                        contact.map(SchoolRegister.Contact::phone).orElse(null),
                        contact.map(SchoolRegister.Contact::email).orElse(null)),
                rs.getObject("corrects", UUID.class), rs.getBoolean("withdrawn"), SqlTime.instant(rs, "due_at"),
                SqlTime.instant(rs, "acknowledged_at"), "/api/v1/schools/notices/" + id + "/acknowledgement");
    }
}
