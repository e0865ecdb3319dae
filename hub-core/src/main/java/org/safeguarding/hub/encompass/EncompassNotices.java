package org.safeguarding.hub.encompass;

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
import tools.jackson.databind.node.ObjectNode;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Operation Encompass (docs/domain.md "Sharing with the front line"; issue 15): every police
 * domestic abuse notification about a child (present or living there) makes one notice record per
 * police record and child, in the message's own transaction, so none is ever lost or made twice.
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
 *   <li>{@code sent}: queued in the outbox to the school (its DSL's endpoint, or fetched), with the
 *       child's name and date of birth, the date, time and kind of incident, whether the child was
 *       present and the police contact, and nothing about anyone else.</li>
 * </ul>
 */
public final class EncompassNotices implements IntakeRules {

    /** The outbox message type of a notice to a school. */
    public static final String MESSAGE_TYPE = "operation-encompass-notice";
    static final String ACTOR = "operation-encompass";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private record Incident(UUID id, String partnershipId, UUID childId, String agencyId, String recordId,
                            Instant incidentAt, boolean childPresent, String schoolUrn, Instant schoolNotifiedAt) {
    }

    private final JdbcClient jdbc;
    private final SchoolRegister schools;
    private final PartnerRegistry registry;
    private final WorkingCalendar calendar;
    private final Outbox outbox;
    private final AuditTrail audit;
    private final Clock clock;

    public EncompassNotices(JdbcClient jdbc, SchoolRegister schools, PartnerRegistry registry, WorkingCalendar calendar,
                            Outbox outbox, AuditTrail audit, Clock clock) {
        this.jdbc = jdbc;
        this.schools = schools;
        this.registry = registry;
        this.calendar = calendar;
        this.outbox = outbox;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public void written(List<RecordOutcome> accepted) {
        String table = CanonicalFact.recordType(CanonicalFact.PoliceNotification.class);
        accepted.stream().filter(o -> table.equals(o.recordType())).map(RecordOutcome::recordId)
                .map(this::domesticAbuse).flatMap(Optional::stream).forEach(this::notice);
    }

    private Optional<Incident> domesticAbuse(UUID policeNotificationId) {
        return jdbc.sql("""
                SELECT id, partnership_id, child_id, source_agency_id, partner_record_id, incident_at, child_present,
                       school_urn, school_notified_at
                FROM police_notification WHERE id = :id AND kind = 'domestic-abuse' AND partner_record_id IS NOT NULL""")
                .param("id", policeNotificationId)
                .query((rs, n) -> new Incident(rs.getObject("id", UUID.class), rs.getString("partnership_id"),
                        rs.getObject("child_id", UUID.class), rs.getString("source_agency_id"),
                        rs.getString("partner_record_id"), SqlTime.instant(rs, "incident_at"),
                        rs.getBoolean("child_present"), rs.getString("school_urn"),
                        SqlTime.instant(rs, "school_notified_at"))).optional();
    }

    private void notice(Incident incident) {
        Instant now = clock.instant();
        UUID id = UUID.randomUUID();
        Instant due = dueAt(incident.incidentAt());
        // One notice per police record and child: a correction or a re-sent record makes none.
        boolean fresh = jdbc.sql("""
                INSERT INTO encompass_notice (id, partnership_id, child_id, police_notification_id, police_agency_id,
                    police_record_id, incident_at, child_present, status, due_at, created_at)
                VALUES (:id, :partnership, :child, :notification, :agency, :record, :incidentAt, :present,
                    'no-known-school', :due, :now)
                ON CONFLICT (police_agency_id, police_record_id, child_id) DO NOTHING""")
                .param("id", id).param("partnership", incident.partnershipId()).param("child", incident.childId())
                .param("notification", incident.id()).param("agency", incident.agencyId())
                .param("record", incident.recordId()).param("incidentAt", SqlTime.utc(incident.incidentAt()))
                .param("present", incident.childPresent()).param("due", due == null ? null : SqlTime.utc(due))
                .param("now", SqlTime.utc(now)).update() == 1;
        if (!fresh) {
            return;
        }
        if (incident.schoolNotifiedAt() != null && incident.schoolUrn() != null) {
            update(id, "told-by-police", incident.schoolUrn(), "police-record", null,
                    "the police report telling the school themselves", incident.schoolNotifiedAt(), null);
            return;
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
            update(id, "refused", null, foundIn, educationAgency, refusal.get(), null, null);
            audit.append(new AuditEntry(ACTOR, incident.agencyId(), "system", SharedPurpose.OPERATION_ENCOMPASS.code(),
                    "encompass-notice-refused", "encompass_notice", id.toString(), null));
            return;
        }
        if (school.isEmpty()) {
            update(id, "no-known-school", urn, foundIn, educationAgency, urn == null
                    ? "no education event names a school for this child and the police record names none"
                    : "school URN " + urn + " (from the " + foundIn.replace('-', ' ') + ") is not in " + SchoolRegister.FILE,
                    null, null);
            return;
        }
        String key = "encompass:" + id;
        update(id, "sent", urn, foundIn, educationAgency, null, null, key);
        outbox.enqueue(new OutboundMessage(incident.partnershipId(), educationAgency, MESSAGE_TYPE, key,
                payload(id, incident, school.get(), due), urn));
        audit.append(new AuditEntry(ACTOR, incident.agencyId(), "system", SharedPurpose.OPERATION_ENCOMPASS.code(),
                "encompass-notice-sent", "encompass_notice", id.toString(), null));
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

    /** The notice as the school gets it: the child, the incident and the police contact; nobody else. */
    private String payload(UUID id, Incident incident, School school, Instant due) {
        ObjectNode body = JSON.createObjectNode();
        body.put("type", MESSAGE_TYPE);
        body.put("noticeId", id.toString());
        body.putObject("school").put("urn", school.urn()).put("name", school.name());
        jdbc.sql("SELECT given_name, family_name, date_of_birth, birth_date_precision FROM child WHERE id = :id")
                .param("id", incident.childId()).query((rs, n) -> {
                    ObjectNode child = body.putObject("child");
                    child.put("givenName", rs.getString("given_name"));
                    child.put("familyName", rs.getString("family_name"));
                    child.put("dateOfBirth", birthDate(rs.getDate("date_of_birth"), rs.getString("birth_date_precision")));
                    return child;
                }).optional();
        ZonedDateTime local = incident.incidentAt().atZone(calendar.zone());
        body.putObject("incident").put("kind", "domestic-abuse")
                .put("date", local.toLocalDate().toString())
                .put("time", local.toLocalTime().format(DateTimeFormatter.ofPattern("HH:mm")))
                .put("at", incident.incidentAt().toString())
                .put("childPresent", incident.childPresent());
        ObjectNode police = body.putObject("policeContact");
        police.put("agency", registry.agency(incident.agencyId()).map(a -> a.name()).orElse(incident.agencyId()));
        schools.policeContact(incident.agencyId()).ifPresent(c -> police.put("name", c.name()).put("phone", c.phone())
                .put("email", c.email()));
        body.put("dueBefore", due == null ? null : due.toString());
        body.put("acknowledge", "/api/v1/schools/notices/" + id + "/acknowledgement");
        return JSON.writeValueAsString(body);
    }

    /** A date of birth with its precision (V47): "2014-06-12", "2014-06" or "2014"; null when unknown. */
    static String birthDate(java.sql.Date firstDay, String precision) {
        return firstDay == null ? null
                : new BirthDate(firstDay.toLocalDate(), BirthDate.Precision.ofCode(precision)).toString();
    }
}
