package org.safeguarding.hub.scorecard;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.hibernate.validator.constraints.time.DurationMin;

import java.time.Duration;
import java.util.List;

/**
 * {@code hub.scorecard}: how the measures are computed and published ({@link ScorecardBeans},
 * {@link ScorecardPublishingRoute}); a plain number of a duration is milliseconds.
 *
 * @param workMem          PostgreSQL {@code work_mem} of the measure transactions, a PostgreSQL size such as 64MB
 * @param fhirBaseUrl      the canonical base of the {@code Measure} URLs, an http(s) URL
 * @param publishInterval  how often closed periods due to subscribers are published
 * @param publishDelay     before the first publishing after start-up
 * @param publishers       the staff roles that may publish (freeze) a closed period now, on the API and the page
 *                         ({@link ScorecardActions#mayPublish}); default mash-lead and hub-admin. A partnership whose
 *                         board publishes its own scorecard adds partnership-viewer (issue 14).
 */
public record ScorecardProperties(
        @NotNull @Pattern(regexp = "[1-9][0-9]*(B|kB|MB|GB|TB)?", message = "must be a PostgreSQL size such as 64MB")
        String workMem,
        @NotNull @Pattern(regexp = "https?://\\S+", message = "must be an http(s) URL") String fhirBaseUrl,
        @NotNull @DurationMin(millis = 1) Duration publishInterval,
        @NotNull @DurationMin(millis = 0) Duration publishDelay,
        @NotNull List<@NotNull @Pattern(regexp = STAFF_ROLES, message = "must be a staff role: mash-practitioner, "
                + "mash-lead, partnership-viewer or hub-admin") String> publishers) {

    /** The roles of people who sign in to the pages and may be let publish (not systems, not auditors). */
    static final String STAFF_ROLES = "mash-practitioner|mash-lead|partnership-viewer|hub-admin";
}
