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
 * ({@link ChildSeenNotices}), in the message's own transaction. The attendance counts as a flag query
 * by the NHS number it carried itself ({@code HealthEvent.NHS_NUMBER} of its detail): the flags are
 * those {@link CurrentFlags#byNhsNumber} finds for that number on the attendance's local day, the same
 * rule as {@code GET /fhir/Flag}. An attendance without an NHS number, or one linked to a flagged child
 * by names, birth date and postcode alone, raises nothing: the hub never tells a council on a guess
 * (issue 15). The trust and the council need agreements in force today naming direct-care.
 */
public final class AttendanceNotices implements IntakeRules {

    /** An ED attendance as stored: the sending trust, when, and the NHS number it carried (null when none). */
    private record Attendance(String agencyId, Instant at, String nhsNumber) {
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
        return jdbc.sql("""
                        SELECT source_agency_id, occurred_at, detail->>:nhs AS nhs_number FROM health_event
                        WHERE id = :id AND kind = 'ed-attendance'""")
                .param("id", healthEventId).param("nhs", CanonicalFact.HealthEvent.NHS_NUMBER)
                .query((rs, n) -> new Attendance(rs.getString("source_agency_id"), SqlTime.instant(rs, "occurred_at"),
                        rs.getString("nhs_number"))).optional();
    }

    private void seen(Attendance attendance) {
        LocalDate today = clock.instant().atZone(zone).toLocalDate();
        if (attendance.nhsNumber() == null
                || registry.agreementFor(attendance.agencyId(), SharedPurpose.DIRECT_CARE, today).isEmpty()) {
            return;
        }
        notices.seen(flags.byNhsNumber(attendance.nhsNumber(), attendance.at().atZone(zone).toLocalDate(), today),
                attendance.agencyId(), attendance.at(), attendance.nhsNumber(), "ed-attendance");
    }
}
