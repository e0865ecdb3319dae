package org.safeguarding.hub.encompass;

import org.safeguarding.hub.action.Actor;
import org.safeguarding.hub.audit.AuditEntry;
import org.safeguarding.hub.audit.AuditTrail;
import org.safeguarding.hub.database.SqlTime;
import org.safeguarding.hub.outbox.OutboxDeliveries;
import org.safeguarding.hub.partner.PartnerRegistry;
import org.safeguarding.hub.partner.SharedPurpose;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Reading and acknowledging Operation Encompass notices: a school sees and acknowledges only the
 * notices about its own pupils (those addressed to its URN), as {@link SchoolNotice}s, the shape the
 * hub posts; the MASH and the education safeguarding
 * lead see their partnership's, including the review list of children with no known school. Every
 * read and acknowledgement is audited (purpose {@code operation-encompass}).
 */
public final class SchoolNotices {

    /** Statuses of {@code encompass_notice} (V70). */
    public static final List<String> STATUSES = List.of("sent", "told-by-police", "no-known-school", "refused", "cancelled");

    /**
     * One notice as MASH staff and the education safeguarding lead see it (never a school). {@code schoolToldAt}: when the school had it (the outbox delivery, the school's first
     * fetch, or the police's own report), null while it has not; {@code overdue}: sent, unacknowledged
     * and past {@code dueAt} (the start of the next school day after the incident); {@code reason}: why
     * it was refused or is on the review list; {@code standing}: {@code current}, {@code withdrawn} (it
     * told a school that an earlier notice no longer concerns it) or {@code superseded} (a police
     * correction replaced it); only a current notice can be overdue.
     */
    public record Notice(UUID id, String partnershipId, String status, String schoolUrn, String schoolName,
                         String schoolFoundIn, String reason, String givenName, String familyName, String dateOfBirth,
                         Instant incidentAt, boolean childPresent, String policeAgencyId, String policeRecordId,
                         Instant dueAt, Instant schoolToldAt, Instant acknowledgedAt, String acknowledgedBy,
                         boolean overdue, String standing) {
    }

    /** The notice exists but is about another school's pupil. */
    public static final class NotYourPupil extends RuntimeException {
        public NotYourPupil(UUID id) {
            super("notice " + id + " is not about a pupil of your school");
        }
    }

    private static final String SELECT = """
            SELECT n.id, n.partnership_id, n.status, n.school_urn, n.school_found_in, n.reason, c.given_name,
                   c.family_name, c.date_of_birth, c.birth_date_precision, n.incident_at, n.child_present,
                   n.police_agency_id, n.police_record_id, n.due_at, least(n.school_told_at, o.delivered_at) AS told_at,
                   n.acknowledged_at, n.acknowledged_by, n.outbox_key,
                   CASE WHEN n.withdrawn THEN 'withdrawn' WHEN n.superseded_by IS NOT NULL THEN 'superseded'
                        ELSE 'current' END AS standing
            FROM encompass_notice n JOIN child c ON c.id = n.child_id
            LEFT JOIN outbox o ON o.idempotency_key = n.outbox_key
            """;

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final SchoolRegister schools;
    private final OutboxDeliveries deliveries;
    private final AuditTrail audit;
    private final Clock clock;
    private final SchoolNoticeSource source;
    private final Acknowledgements acknowledgements;

    public SchoolNotices(JdbcClient jdbc, TransactionTemplate tx, SchoolRegister schools, PartnerRegistry registry,
                         ZoneId zone, OutboxDeliveries deliveries, AuditTrail audit, Clock clock,
                         Acknowledgements acknowledgements) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.schools = schools;
        this.deliveries = deliveries;
        this.audit = audit;
        this.clock = clock;
        this.source = new SchoolNoticeSource(jdbc, schools, registry, zone);
        this.acknowledgements = acknowledgements;
    }

    /**
     * The notices about {@code school}'s pupils, newest incident first. A notice the hub could not
     * post (the school has no endpoint) counts as delivered when the school first reads it.
     */
    public List<SchoolNotice> forSchool(School school, Actor actor, int limit) {
        return tx.execute(status -> {
            List<SchoolNotice> notices = source.forSchool(school.urn(), limit);
            notices.forEach(n -> deliveries.fetchedBySchool(key(n.noticeId())));
            audit.append(entry(actor, "encompass-notices-read", "school/" + school.urn()));
            return notices;
        });
    }

    /** One notice about {@code school}'s pupil; empty when there is none; {@link NotYourPupil} (audited) when another school's. */
    public Optional<SchoolNotice> forSchool(School school, UUID id, Actor actor) {
        return ownNotice(school, id, actor).map(n -> tx.execute(status -> {
            if (n.status().equals("sent")) {
                deliveries.fetchedBySchool(key(id));
            }
            audit.append(entry(actor, "encompass-notice-read", id.toString()));
            return source.notice(id).orElseThrow();
        }));
    }

    /**
     * The school confirms its DSL has the notice: recorded once (a repeat keeps the first time and
     * answers the same). Empty when there is no such notice; {@link NotYourPupil} (audited) when it is
     * another school's. An escalation raised for it is completed by the next sweep.
     */
    public Optional<SchoolNotice> acknowledge(School school, UUID id, Actor actor) {
        return ownNotice(school, id, actor).map(n -> tx.execute(status -> {
            acknowledgements.acknowledge(id, actor);
            return source.notice(id).orElseThrow();
        }));
    }

    /** A partnership's notices, newest incident first, of one status or all (null); the review list is {@code no-known-school}. */
    public List<Notice> forPartnership(String partnershipId, String status, Actor actor, int limit) {
        return tx.execute(t -> {
            List<Notice> notices = jdbc.sql(SELECT + """
                    WHERE n.partnership_id = :p AND (CAST(:status AS text) IS NULL OR n.status = :status)
                      AND (CAST(:status AS text) IS DISTINCT FROM 'no-known-school' OR n.superseded_by IS NULL)
                    ORDER BY n.incident_at DESC, n.id LIMIT :limit""")
                    .param("p", partnershipId).param("status", status).param("limit", limit).query(this::map).list();
            audit.append(entry(actor, "encompass-notices-read", "partnership/" + partnershipId
                    + (status == null ? "" : "/" + status)));
            return notices;
        });
    }

    private Optional<Notice> ownNotice(School school, UUID id, Actor actor) {
        Optional<Notice> notice = find(id);
        if (notice.isPresent() && !school.urn().equals(notice.get().schoolUrn())) {
            // Checked before the read's transaction: the refusal is audited in its own and kept.
            tx.executeWithoutResult(s -> audit.append(entry(actor, "encompass-notice-refused-to-school", id.toString())));
            throw new NotYourPupil(id);
        }
        return notice.filter(n -> n.status().equals("sent") || n.status().equals("told-by-police"));
    }

    private Optional<Notice> find(UUID id) {
        return jdbc.sql(SELECT + " WHERE n.id = :id").param("id", id).query(this::map).optional();
    }

    private static String key(UUID id) {
        return "encompass:" + id;
    }

    static AuditEntry entry(Actor actor, String action, String entityId) {
        return new AuditEntry(actor.name(), actor.agencyId(), actor.role(), SharedPurpose.OPERATION_ENCOMPASS.code(),
                action, "encompass_notice", entityId, actor.clientAddress());
    }

    private Notice map(ResultSet rs, int row) throws SQLException {
        String urn = rs.getString("school_urn");
        Instant due = SqlTime.instant(rs, "due_at");
        Instant acknowledged = SqlTime.instant(rs, "acknowledged_at");
        String status = rs.getString("status");
        String standing = rs.getString("standing");
        return new Notice(rs.getObject("id", UUID.class), rs.getString("partnership_id"), status, urn,
                schools.school(urn).map(School::name).orElse(null), rs.getString("school_found_in"), rs.getString("reason"),
                rs.getString("given_name"), rs.getString("family_name"),
                EncompassNotices.birthDate(rs.getDate("date_of_birth"), rs.getString("birth_date_precision")),
                SqlTime.instant(rs, "incident_at"), rs.getBoolean("child_present"), rs.getString("police_agency_id"),
                rs.getString("police_record_id"), due, SqlTime.instant(rs, "told_at"), acknowledged,
                rs.getString("acknowledged_by"),
                standing.equals("current") && status.equals("sent") && acknowledged == null && due != null
                        && due.isBefore(clock.instant()), standing);
    }
}
