package org.safeguarding.hub.flags;

import org.safeguarding.hub.database.SqlTime;
import org.safeguarding.hub.intake.CanonicalFact;
import org.safeguarding.hub.intake.IntakeRules;
import org.safeguarding.hub.intake.RecordOutcome;
import org.safeguarding.hub.partner.PartnerRegistry;
import org.safeguarding.hub.partner.SharedPurpose;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * An emergency department attendance arriving in the health feed (FHIR Encounter, class EMER) for a
 * flagged child tells the owning council, as a flag query does and with the same once-a-day key
 * ({@link ChildSeenNotices}), in the message's own transaction. Flagged means a plan or period in
 * care in force on the attendance's local day, for a child holding a verified NHS number
 * ({@link CurrentFlags#byNhsNumber}: one known only by demographics raises nothing), with agreements in force today naming direct-care for the trust and
 * for the council.
 */
public final class AttendanceNotices implements IntakeRules {

    private record Attendance(UUID childId, String agencyId, Instant at) {
    }

    private final JdbcClient jdbc;
    private final CurrentFlags flags;
    private final ChildSeenNotices notices;
    private final PartnerRegistry registry;
    private final Clock clock;
    private final ZoneId zone;

    public AttendanceNotices(JdbcClient jdbc, CurrentFlags flags, ChildSeenNotices notices, PartnerRegistry registry,
                             Clock clock, ZoneId zone) {
        this.jdbc = jdbc;
        this.flags = flags;
        this.notices = notices;
        this.registry = registry;
        this.clock = clock;
        this.zone = zone;
    }

    @Override
    public void written(List<RecordOutcome> accepted) {
        String table = CanonicalFact.recordType(CanonicalFact.HealthEvent.class);
        accepted.stream().filter(o -> table.equals(o.recordType())).map(RecordOutcome::recordId)
                .map(this::attendance).flatMap(Optional::stream).forEach(this::seen);
    }

    private Optional<Attendance> attendance(UUID healthEventId) {
        return jdbc.sql("SELECT child_id, source_agency_id, occurred_at FROM health_event WHERE id = :id AND kind = 'ed-attendance'")
                .param("id", healthEventId)
                .query((rs, n) -> new Attendance(rs.getObject("child_id", UUID.class), rs.getString("source_agency_id"),
                        SqlTime.instant(rs, "occurred_at"))).optional();
    }

    private void seen(Attendance attendance) {
        LocalDate today = clock.instant().atZone(zone).toLocalDate();
        if (registry.agreementFor(attendance.agencyId(), SharedPurpose.DIRECT_CARE, today).isEmpty()) {
            return;
        }
        flags.nhsNumberOf(attendance.childId()).ifPresent(nhs -> notices.seen(
                flags.byNhsNumber(nhs, attendance.at().atZone(zone).toLocalDate(), today).stream()
                        .filter(f -> f.childId().equals(attendance.childId())).toList(),
                attendance.agencyId(), attendance.at(), nhs, "ed-attendance"));
    }
}
