package org.safeguarding.hub.calendar;

import org.junit.jupiter.api.Test;
import org.safeguarding.hub.config.ConfigFiles;
import org.springframework.boot.actuate.info.Info;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The start-up warning and /actuator/info details with a fixed clock; the shipped calendar covers 2020 to 2027. */
class CalendarStatusTest {

    private final WorkingCalendar calendar = CalendarConfiguration.load(ConfigFiles.defaults());

    private static Clock at(String instant) {
        return Clock.fixed(Instant.parse(instant), ZoneOffset.UTC);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> info(Clock clock) {
        Info.Builder builder = new Info.Builder();
        new CalendarStatus(calendar, clock).contribute(builder);
        return (Map<String, Object>) builder.build().getDetails().get("calendar");
    }

    @Test
    void warnsFromSixMonthsBeforeTheCoveredYearsEnd() {
        // The first uncovered day is 1 January 2028; six months before it is 1 July 2027 (London dates).
        // 30 June 2027 23:30 UTC is already 1 July 00:30 BST: warned.
        assertThat(new CalendarStatus(calendar, at("2027-06-30T22:30:00Z")).warning()).isEmpty(); // 30 Jun 23:30 BST
        assertThat(new CalendarStatus(calendar, at("2027-06-30T23:30:00Z")).warning()).isPresent();
        assertThat(new CalendarStatus(calendar, at("2027-07-02T12:00:00Z")).warning()).isPresent();
    }

    @Test
    void infoShowsTheCoveredYearsAndTheWarningWhenDue() {
        Map<String, Object> quiet = info(at("2026-11-30T12:00:00Z"));
        assertThat(quiet).containsEntry("coversYears", java.util.List.of(2020, 2027))
                .containsEntry("lastCoveredDay", "2027-12-31").doesNotContainKey("warning");
        assertThat(info(at("2027-09-01T12:00:00Z")).get("warning").toString())
                .contains("end on 2027-12-31").contains("hub.config-dir");
    }
}
