package org.safeguarding.hub.encompass;

import org.safeguarding.hub.action.Actor;
import org.safeguarding.hub.audit.AuditEntry;
import org.safeguarding.hub.audit.AuditTrail;
import org.safeguarding.hub.calendar.OutsideCalendar;
import org.safeguarding.hub.calendar.WorkingCalendar;
import org.safeguarding.hub.child.BirthDate;
import org.safeguarding.hub.database.SqlTime;
import org.safeguarding.hub.intake.CanonicalFact;
import org.safeguarding.hub.intake.IntakeRules;
import org.safeguarding.hub.intake.RecordOutcome;
import org.safeguarding.hub.outbox.OutboundMessage;
import org.safeguarding.hub.outbox.Outbox;
import org.safeguarding.hub.partner.PartnerRegistry;
import org.safeguarding.hub.partner.SharedPurpose;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Operation Encompass (docs/domain.md "Sharing with the front line"; issue 15): every police
 * domestic abuse notification about a child (present or living there) makes one notice record per
 * police record (a police record names one child), in the message's own transaction, so none is ever lost or made twice.
 *
 * <p>The school is the child's current school from the education feeds: the school_urn of the most
 * recent current education event for the child (enrolment or any other), else the school the police
 * record names. The notice is due before the start of the next school day after the incident
 * ({@link WorkingCalendar#startOfNextSchoolDay}, school-terms.yml; null when the terms do not reach
 * it). Its status:
 * <ul>
 *   <li>{@code told-by-police}: the police report they told the school themselves
 *       ({@code schoolNotifiedAt}); the hub sends nothing more;</li>
 *   <li>{@code refused}: no agreement in force names {@code shares: [operation-encompass]} for the
 *       police agency and the school's education agency (partners.yml); audited, nothing sent;</li>
 *   <li>{@code no-known-school}: no school, or one not in schools.yml: the education safeguarding
 *       lead's review list;</li>
 *   <li>{@code sent}: queued in the outbox to the school (its DSL's endpoint, or fetched), as a
 *       {@link SchoolNotice}: the child's name and date of birth, the date, local time and kind of
 *       incident, whether the child was present and the police contact, and nothing about anyone else.</li>
 * </ul>
 */
public final class EncompassNotices implements IntakeRules {

    /** The outbox message type of a notice to a school. */
    public static final String MESSAGE_TYPE = "operation-encompass-notice";
    /** The account the Operation Encompass service acts as (audit entries, escalations it raises). */
    public static final String ACTOR = "operation-encompass";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private record Incident(UUID id, String partnershipId, UUID childId, String agencyId, String recordId, String kind,
                            Instant incidentAt, boolean childPresent, String schoolUrn, Instant schoolNotifiedAt) {

        boolean domesticAbuse() {
            return DOMESTIC_ABUSE.equals(kind);
        }
    }

    /** Where a notice goes: its status, the school (sent or told by the police) and why. */
    private record Routing(String status, String urn, String foundIn, String educationAgency, String reason,
                           Instant toldAt, School school) {

        /** The school that has or will have it, or null. */
        String schoolTold() {
            return status.equals("sent") || status.equals("told-by-police") ? urn : null;
        }
    }

    /** The notice a correction of its police record corrects: the current one, never a withdrawal. */
    private record Current(UUID id, UUID childId, String status, String kind, Instant incidentAt, boolean childPresent,
                           String schoolUrn, String educationAgency, String outboxKey, Instant incidentDueAt) {
    }

    static final String DOMESTIC_ABUSE = "domestic-abuse";

    private final JdbcClient jdbc;
    private final SchoolRegister schools;
    private final PartnerRegistry registry;
    private final WorkingCalendar calendar;
    private final Outbox outbox;
    private final AuditTrail audit;
    private final Clock clock;
    private final SchoolNoticeSource notices;
    private final Acknowledgements acknowledgements;

    public EncompassNotices(JdbcClient jdbc, SchoolRegister schools, PartnerRegistry registry, WorkingCalendar calendar,
                            Outbox outbox, AuditTrail audit, Clock clock, Acknowledgements acknowledgements) {
        this.jdbc = jdbc;
        this.schools = schools;
        this.registry = registry;
        this.calendar = calendar;
        this.outbox = outbox;
        this.audit = audit;
        this.clock = clock;
        this.notices = new SchoolNoticeSource(jdbc, schools, registry, calendar.zone());
        this.acknowledgements = acknowledgements;
    }

    @Override
    public void written(List<RecordOutcome> accepted) {
        String police = CanonicalFact.recordType(CanonicalFact.PoliceNotification.class);
        String education = CanonicalFact.recordType(CanonicalFact.EducationEvent.class);
        for (RecordOutcome o : accepted) {
            if (police.equals(o.recordType())) {
                policeRecord(o.recordId()).ifPresent(this::received);
            } else if (education.equals(o.recordType())) {
                schoolNamed(o.recordId()).ifPresent(this::schoolKnown);
                receipt(o.recordId());
            }
        }
    }

    private Optional<Incident> policeRecord(UUID policeNotificationId) {
        return jdbc.sql("""
                SELECT id, partnership_id, child_id, source_agency_id, partner_record_id, kind, incident_at, child_present,
                       school_urn, school_notified_at
                FROM police_notification WHERE id = :id AND partner_record_id IS NOT NULL""")
                .param("id", policeNotificationId)
                .query((rs, n) -> new Incident(rs.getObject("id", UUID.class), rs.getString("partnership_id"),
                        rs.getObject("child_id", UUID.class), rs.getString("source_agency_id"),
                        rs.getString("partner_record_id"), rs.getString("kind"), SqlTime.instant(rs, "incident_at"),
                        rs.getBoolean("child_present"), rs.getString("school_urn"),
                        SqlTime.instant(rs, "school_notified_at"))).optional();
    }

    /**
     * A police record: a new domestic abuse notification makes a notice; a re-sent record (a
     * correction: the feed superseded the earlier row) corrects the notice made of it.
     */
    private void received(Incident incident) {
        Optional<Current> current = current(incident);
        if (current.isPresent()) {
            correct(current.get(), incident);
        } else if (incident.domesticAbuse()) {
            ended(incident).ifPresentOrElse(end -> reopen(end, incident), () -> create(incident));
        }
    }

    /**
     * The record was withdrawn (corrected to another kind after its notice reached the school) and is
     * now a domestic abuse notification again: a fresh notice, chained from the withdrawal so the
     * original stays the one per police record, and routed as a new notice would be. Never dropped.
     */
    private void reopen(Current withdrawal, Incident incident) {
        Instant now = clock.instant();
        UUID fresh = insertCorrection(withdrawal, incident, false, now);
        jdbc.sql("UPDATE encompass_notice SET incident_due_at = :due WHERE id = :id")
                .param("due", utc(dueAt(incident.incidentAt()))).param("id", fresh).update();
        jdbc.sql("UPDATE encompass_notice SET superseded_by = :successor WHERE id = :id")
                .param("successor", fresh).param("id", withdrawal.id()).update();
        route(fresh, incident, routing(incident, now));
    }

    private void create(Incident incident) {
        Instant now = clock.instant();
        UUID id = UUID.randomUUID();
        Instant due = dueAt(incident.incidentAt());
        // One original notice per police record (V85 encompass_notice_original); corrections chain from it.
        boolean fresh = jdbc.sql("""
                INSERT INTO encompass_notice (id, partnership_id, child_id, police_notification_id, police_agency_id,
                    police_record_id, kind, incident_at, child_present, status, due_at, incident_due_at, created_at)
                VALUES (:id, :partnership, :child, :notification, :agency, :record, :kind, :incidentAt, :present,
                    'no-known-school', :due, :due, :now)
                ON CONFLICT (police_agency_id, police_record_id, child_id) WHERE corrects IS NULL DO NOTHING""")
                .param("id", id).param("partnership", incident.partnershipId()).param("child", incident.childId())
                .param("notification", incident.id()).param("agency", incident.agencyId())
                .param("record", incident.recordId()).param("kind", incident.kind())
                .param("incidentAt", SqlTime.utc(incident.incidentAt()))
                .param("present", incident.childPresent()).param("due", due == null ? null : SqlTime.utc(due))
                .param("now", SqlTime.utc(now)).update() == 1;
        if (fresh) {
            route(id, incident, routing(incident, now));
        }
    }

    /**
     * The police re-sent the record of a notice (docs/decisions.md "Operation Encompass corrections").
     * Nothing the school is told changed (the summary, say): the notice stays as it is. Not yet with a
     * school (on the review list, refused, or still in the outbox): the notice itself is updated and
     * routed again. Already with the school: a correcting notice naming the earlier one is sent, and
     * the earlier school, if the child's school changed, is sent a withdrawal.
     */
    private void correct(Current current, Incident incident) {
        Instant now = clock.instant();
        Routing routing = incident.domesticAbuse() ? routing(incident, now) : null;
        String schoolNow = routing == null ? null : routing.schoolTold();
        boolean withSchool = current.status().equals("sent") || current.status().equals("told-by-police");
        boolean childChanged = !current.childId().equals(incident.childId());
        boolean unchanged = routing != null && !childChanged && current.kind().equals(incident.kind())
                && current.incidentAt().equals(incident.incidentAt()) && current.childPresent() == incident.childPresent()
                && current.status().equals(routing.status()) && Objects.equals(current.schoolUrn(), schoolNow);
        if (unchanged || (!withSchool && routing == null && current.status().equals("cancelled"))) {
            jdbc.sql("UPDATE encompass_notice SET police_notification_id = :notification WHERE id = :id")
                    .param("notification", incident.id()).param("id", current.id()).update();
            return;
        }
        boolean delivered = withSchool && (current.outboxKey() == null || !outbox.takeBackUndelivered(current.outboxKey()));
        if (!delivered) {
            // Nothing reached a school: the notice itself takes the new details, due by its own rule again.
            Instant due = dueAt(incident.incidentAt());
            jdbc.sql("""
                    UPDATE encompass_notice SET police_notification_id = :notification, child_id = :child, kind = :kind,
                        incident_at = :incidentAt, child_present = :present, due_at = :due, incident_due_at = :incidentDue
                    WHERE id = :id""")
                    .param("notification", incident.id()).param("child", incident.childId()).param("kind", incident.kind())
                    .param("incidentAt", SqlTime.utc(incident.incidentAt())).param("present", incident.childPresent())
                    .param("due", utc(dueAt(later(incident.incidentAt(), now)))).param("incidentDue", utc(due))
                    .param("id", current.id()).update();
            audit(incident.agencyId(), "encompass-notice-corrected", current.id());
            if (routing == null) {
                update(current.id(), "cancelled", null, null, null,
                        "the police corrected record " + incident.recordId() + " to kind " + incident.kind()
                                + ", not a domestic abuse notification", null, null);
            } else {
                route(current.id(), incident, routing);
            }
            return;
        }
        UUID successor = null;
        if (routing != null) {
            successor = insertCorrection(current, incident, false, now);
            route(successor, incident, routing);
        }
        if (current.status().equals("sent") && (childChanged || !current.schoolUrn().equals(schoolNow))) {
            // The earlier school was told about a child who, as corrected, is not its concern: the record
            // names another child (told even when the same school has the correcting notice), or the
            // child's school changed, or the record is no longer domestic abuse.
            UUID withdrawal = insertCorrection(current, incident, true, now);
            School earlier = schools.school(current.schoolUrn()).orElseThrow();
            String key = "encompass:" + withdrawal;
            jdbc.sql("""
                    UPDATE encompass_notice SET status = 'sent', school_urn = :urn, school_found_in = 'police-record',
                        education_agency_id = :agency, outbox_key = :key, reason = :reason WHERE id = :id""")
                    .param("urn", earlier.urn()).param("agency", current.educationAgency()).param("key", key)
                    .param("reason", routing == null ? "the police corrected the record: not a domestic abuse notification"
                            : childChanged ? "the police corrected the record: it no longer names this child"
                            : "the police corrected the record: the child's school is not this school")
                    .param("id", withdrawal).update();
            outbox.enqueue(new OutboundMessage(incident.partnershipId(), current.educationAgency(), MESSAGE_TYPE, key,
                    payload(withdrawal), earlier.urn()));
            audit(incident.agencyId(), "encompass-notice-withdrawn", withdrawal);
            successor = successor == null ? withdrawal : successor;
        }
        if (successor != null) {
            jdbc.sql("UPDATE encompass_notice SET superseded_by = :successor WHERE id = :id")
                    .param("successor", successor).param("id", current.id()).update();
        }
    }

    /**
     * A correcting notice of {@code current}: the corrected details (or, for a withdrawal, the details
     * the earlier school was told), due before the next school day after both the incident and now.
     */
    private UUID insertCorrection(Current current, Incident incident, boolean withdrawal, Instant now) {
        UUID id = UUID.randomUUID();
        Instant incidentAt = withdrawal ? current.incidentAt() : incident.incidentAt();
        jdbc.sql("""
                INSERT INTO encompass_notice (id, partnership_id, child_id, police_notification_id, police_agency_id,
                    police_record_id, kind, incident_at, child_present, status, due_at, incident_due_at, created_at,
                    corrects, withdrawn)
                VALUES (:id, :partnership, :child, :notification, :agency, :record, :kind, :incidentAt, :present,
                    'no-known-school', :due, :incidentDue, :now, :corrects, :withdrawn)""")
                .param("id", id).param("partnership", incident.partnershipId())
                .param("child", withdrawal ? current.childId() : incident.childId())
                .param("notification", incident.id()).param("agency", incident.agencyId())
                .param("record", incident.recordId()).param("kind", withdrawal ? current.kind() : incident.kind())
                .param("incidentAt", SqlTime.utc(incidentAt))
                .param("present", withdrawal ? current.childPresent() : incident.childPresent())
                .param("due", utc(dueAt(later(incidentAt, now)))).param("incidentDue", utc(current.incidentDueAt()))
                .param("now", SqlTime.utc(now)).param("corrects", current.id()).param("withdrawn", withdrawal).update();
        audit(incident.agencyId(), "encompass-notice-corrected", current.id());
        return id;
    }

    /**
     * The notice of this police record that a correction corrects, if any, whichever child it names: the
     * record is the police's (agency and record id), and a correction may name another child. A police
     * record names one child (the intake key is agency, record type and record id), so a record has at
     * most one current notice; another child in the same incident comes as a record of its own.
     */
    private Optional<Current> current(Incident incident) {
        return last(incident, "AND NOT withdrawn");
    }

    /** The withdrawal that ended the notices of this police record, if that is where its chain ends. */
    private Optional<Current> ended(Incident incident) {
        return last(incident, "AND withdrawn");
    }

    private Optional<Current> last(Incident incident, String which) {
        return jdbc.sql("""
                SELECT id, child_id, status, kind, incident_at, child_present, school_urn, education_agency_id, outbox_key,
                       incident_due_at
                FROM encompass_notice
                WHERE police_agency_id = :agency AND police_record_id = :record AND superseded_by IS NULL\s""" + which
                + " ORDER BY created_at DESC, id LIMIT 1")
                .param("agency", incident.agencyId()).param("record", incident.recordId())
                .query((rs, n) -> new Current(rs.getObject("id", UUID.class), rs.getObject("child_id", UUID.class),
                        rs.getString("status"), rs.getString("kind"),
                        SqlTime.instant(rs, "incident_at"), rs.getBoolean("child_present"), rs.getString("school_urn"),
                        rs.getString("education_agency_id"), rs.getString("outbox_key"),
                        SqlTime.instant(rs, "incident_due_at"))).optional();
    }

    /**
     * An {@code encompass-receipt} row of the education feed: the school has the notice. It acknowledges
     * the child's current notices its school was sent (the one its {@code notice_id} names, and only
     * those to its {@code school_urn} when it names one), as the school's own acknowledgement does:
     * once, audited, by the education agency's feed.
     */
    private void receipt(UUID educationEventId) {
        record Receipt(UUID childId, String agencyId, String recordId, String schoolUrn, String noticeId) {
        }
        jdbc.sql("""
                SELECT child_id, source_agency_id, partner_record_id, detail->>'schoolUrn' AS urn, detail->>'noticeId' AS notice
                FROM education_event WHERE id = :id AND kind = 'encompass-receipt'""")
                .param("id", educationEventId)
                .query((rs, n) -> new Receipt(rs.getObject("child_id", UUID.class), rs.getString("source_agency_id"),
                        rs.getString("partner_record_id"), rs.getString("urn"), rs.getString("notice")))
                .optional().ifPresent(r -> jdbc.sql("""
                        SELECT id FROM encompass_notice
                        WHERE child_id = :child AND status IN ('sent', 'told-by-police') AND superseded_by IS NULL
                          AND (CAST(:urn AS text) IS NULL OR school_urn = :urn)
                          AND (CAST(:notice AS text) IS NULL OR id::text = :notice)""")
                        .param("child", r.childId()).param("urn", r.schoolUrn()).param("notice", r.noticeId())
                        .query(UUID.class).list()
                        .forEach(id -> acknowledgements.acknowledge(id, new Actor(r.agencyId() + "/education-feed/"
                                + r.recordId(), r.agencyId(), "partner-system", null))));
    }

    /** The child and partnership of an education event that names a school. */
    private Optional<UUID> schoolNamed(UUID educationEventId) {
        return jdbc.sql("SELECT child_id FROM education_event WHERE id = :id AND (detail->>'schoolUrn') IS NOT NULL")
                .param("id", educationEventId).query(UUID.class).optional();
    }

    /**
     * An education record now names the child's school: the child's notices on the review list go to
     * it, each due before the next school day after now (the incident's own has likely passed).
     */
    private void schoolKnown(UUID childId) {
        Instant now = clock.instant();
        List<UUID> waiting = jdbc.sql("""
                SELECT police_notification_id FROM encompass_notice
                WHERE child_id = :child AND status = 'no-known-school' AND superseded_by IS NULL""")
                .param("child", childId).query(UUID.class).list();
        for (UUID policeNotification : waiting) {
            policeRecord(policeNotification).filter(Incident::domesticAbuse).ifPresent(incident -> current(incident)
                    .filter(c -> c.status().equals("no-known-school")).ifPresent(c -> {
                        Routing routing = routing(incident, now);
                        if (!routing.status().equals("no-known-school")) {
                            jdbc.sql("UPDATE encompass_notice SET due_at = :due WHERE id = :id")
                                    .param("due", utc(dueAt(later(incident.incidentAt(), now)))).param("id", c.id()).update();
                            route(c.id(), incident, routing);
                        }
                    }));
        }
    }

    /** Where the notice of {@code incident} goes now: the police told the school, refused, the review list, or the school. */
    private Routing routing(Incident incident, Instant now) {
        if (incident.schoolNotifiedAt() != null && incident.schoolUrn() != null) {
            return new Routing("told-by-police", incident.schoolUrn(), "police-record", null,
                    "the police report telling the school themselves", incident.schoolNotifiedAt(), null);
        }
        Optional<String> fromEducation = currentSchool(incident);
        String urn = fromEducation.orElse(incident.schoolUrn());
        String foundIn = fromEducation.isPresent() ? "education-feed" : urn == null ? null : "police-record";
        Optional<School> school = schools.school(urn);
        String partnershipOfSide = school.map(School::partnership).orElse(incident.partnershipId());
        String educationAgency = schools.educationSide(partnershipOfSide)
                .map(SchoolRegister.EducationSide::educationAgency).orElse(null);
        Optional<String> refusal = refusal(incident.agencyId(), educationAgency, calendar.localDate(now));
        if (refusal.isPresent()) {
            return new Routing("refused", null, foundIn, educationAgency, refusal.get(), null, null);
        }
        if (school.isEmpty()) {
            return new Routing("no-known-school", urn, foundIn, educationAgency, urn == null
                    ? "no education event names a school for this child and the police record names none"
                    : "school URN " + urn + " (from the " + foundIn.replace('-', ' ') + ") is not in " + SchoolRegister.FILE,
                    null, null);
        }
        return new Routing("sent", urn, foundIn, educationAgency, null, null, school.get());
    }

    /** Records {@code routing} on notice {@code id}: audited when refused, queued in the outbox to the school when sent. */
    private void route(UUID id, Incident incident, Routing routing) {
        String key = routing.status().equals("sent") ? "encompass:" + id : null;
        update(id, routing.status(), routing.urn(), routing.foundIn(), routing.educationAgency(), routing.reason(),
                routing.toldAt(), key);
        if (routing.status().equals("refused")) {
            audit(incident.agencyId(), "encompass-notice-refused", id);
        } else if (key != null) {
            outbox.enqueue(new OutboundMessage(incident.partnershipId(), routing.educationAgency(), MESSAGE_TYPE, key,
                    payload(id), routing.urn()));
            audit(incident.agencyId(), "encompass-notice-sent", id);
        }
    }

    private void audit(String policeAgency, String action, UUID noticeId) {
        audit.append(new AuditEntry(ACTOR, policeAgency, "system", SharedPurpose.OPERATION_ENCOMPASS.code(),
                action, "encompass_notice", noticeId.toString(), null));
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static java.time.OffsetDateTime utc(Instant instant) {
        return instant == null ? null : SqlTime.utc(instant);
    }

    /** When the school must have been told, or null when school-terms.yml does not reach the next school day. */
    private Instant dueAt(Instant incidentAt) {
        try {
            return calendar.startOfNextSchoolDay(incidentAt);
        } catch (OutsideCalendar e) {
            return null;
        }
    }

    /** The school named by the child's most recent current education event that names one. */
    private Optional<String> currentSchool(Incident incident) {
        return jdbc.sql("""
                SELECT detail->>'schoolUrn' FROM education_event
                WHERE child_id = :child AND partnership_id = :partnership AND superseded_by IS NULL AND (detail->>'schoolUrn') IS NOT NULL
                ORDER BY occurred_on DESC, recorded_at DESC, id LIMIT 1""")
                .param("child", incident.childId()).param("partnership", incident.partnershipId())
                .query(String.class).optional();
    }

    /** Why sharing would be outside an agreement in force on {@code today}, or empty when it is covered. */
    private Optional<String> refusal(String policeAgency, String educationAgency, LocalDate today) {
        for (String agency : educationAgency == null ? List.of(policeAgency) : List.of(policeAgency, educationAgency)) {
            if (registry.agreementFor(agency, SharedPurpose.OPERATION_ENCOMPASS, today).isEmpty()) {
                return Optional.of("no information-sharing agreement in force on " + today + " names shares: ["
                        + SharedPurpose.OPERATION_ENCOMPASS.code() + "] for agency " + agency + " (partners.yml)");
            }
        }
        return Optional.empty();
    }

    private void update(UUID id, String status, String urn, String foundIn, String educationAgency, String reason,
                        Instant toldAt, String outboxKey) {
        jdbc.sql("""
                UPDATE encompass_notice SET status = :status, school_urn = :urn, school_found_in = :foundIn,
                    education_agency_id = :educationAgency, reason = :reason, school_told_at = :toldAt, outbox_key = :key
                WHERE id = :id""")
                .param("status", status).param("urn", status.equals("sent") || status.equals("told-by-police") ? urn : null)
                .param("foundIn", foundIn).param("educationAgency", educationAgency).param("reason", reason)
                .param("toldAt", toldAt == null ? null : SqlTime.utc(toldAt)).param("key", outboxKey).param("id", id)
                .update();
    }

    /** The notice as the school gets it ({@link SchoolNotice}, the same shape the schools' API answers). */
    private String payload(UUID id) {
        return JSON.writeValueAsString(notices.notice(id).orElseThrow());
    }

    /** A date of birth with its precision (V47): "2014-06-12", "2014-06" or "2014"; null when unknown. */
    static String birthDate(java.sql.Date firstDay, String precision) {
        return firstDay == null ? null
                : new BirthDate(firstDay.toLocalDate(), BirthDate.Precision.ofCode(precision)).toString();
    }
}
