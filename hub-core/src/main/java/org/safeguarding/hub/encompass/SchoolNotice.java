package org.safeguarding.hub.encompass;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * An Operation Encompass notice as its school gets it, the one shape whether the hub posts it to the
 * school's endpoint or the school fetches it from {@code /api/v1/schools/notices} (issue 15): the
 * child, the incident, the police contact, and nothing about anyone else or about the hub's own
 * working (no police record id, no status, no internal ids).
 *
 * @param noticeId       the notice's id: what the school acknowledges
 * @param school         the school it is addressed to (its URN and name from schools.yml)
 * @param incident       when (the date and the time on the clock in England, Europe/London) and what kind
 * @param corrects       the id of the earlier notice this one corrects (the police corrected their
 *                       record after the school had it), else null
 * @param withdrawn      true when the notice named in {@code corrects} no longer concerns this school
 *                       (the child's school was corrected, or the incident is not domestic abuse)
 * @param dueBefore      the start of the school day by which the DSL should have it (UTC)
 * @param acknowledgedAt when the school acknowledged it (UTC), null until then (always null when posted)
 * @param acknowledge    the path to POST the acknowledgement to
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record SchoolNotice(UUID noticeId, School school, Child child, Incident incident, PoliceContact policeContact,
                           UUID corrects, boolean withdrawn, Instant dueBefore, Instant acknowledgedAt,
                           String acknowledge) {

    /** The school, by its DfE unique reference number. */
    public record School(String urn, String name) {
    }

    /** The child: names and date of birth ("2014-06-12", or "2014-06" / "2014" when that is all that is known). */
    public record Child(String givenName, String familyName, String dateOfBirth) {
    }

    /** {@code kind} as the police record it (domestic-abuse); {@code time} "HH:mm" local to {@code date}. */
    public record Incident(LocalDate date, String time, String kind, boolean childPresent) {
    }

    /** The police force and its Operation Encompass contact (schools.yml police-contacts). */
    public record PoliceContact(String agency, String name, String phone, String email) {
    }
}
