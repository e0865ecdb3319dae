package org.safeguarding.hub.mash;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.safeguarding.hub.calendar.CalendarConfiguration;
import org.safeguarding.hub.calendar.WorkingCalendar;
import org.safeguarding.hub.config.ConfigFiles;
import org.safeguarding.hub.config.ConfigurationException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The shipped clocks.yml on the shipped calendar; every due time is worked out by hand. */
class ResponseClockTest {

    private final WorkingCalendar calendar = CalendarConfiguration.load(ConfigFiles.defaults());
    private final ResponseClocks clocks = ResponseClocks.load(ConfigFiles.defaults());
    private final ContactClock contactClock = new ContactClock(clocks, calendar);

    @Test
    void ragClocks() {
        Instant saturdayNight = Instant.parse("2026-10-24T22:00:00Z"); // Sat 24 Oct 2026 23:00 BST
        // Red: 4 real hours across the autumn change = 02:00 UTC = 02:00 GMT Sunday.
        assertThat(contactClock.dueAt(saturdayNight, RagRating.RED)).isEqualTo(Instant.parse("2026-10-25T02:00:00Z"));
        // Amber: starts Monday 26 Oct 00:00 GMT, 24 working hours = Tuesday 27 Oct 00:00 GMT.
        assertThat(contactClock.dueAt(saturdayNight, RagRating.AMBER)).isEqualTo(Instant.parse("2026-10-27T00:00:00Z"));
        // Green: 72 working hours from Monday 00:00 = Thursday 29 Oct 00:00 GMT.
        assertThat(contactClock.dueAt(saturdayNight, RagRating.GREEN)).isEqualTo(Instant.parse("2026-10-29T00:00:00Z"));
        // Unrated: the headline threshold-decision clock, 24 working hours (004:L1837); Easter 2026.
        assertThat(contactClock.dueAt(Instant.parse("2026-04-02T15:00:00Z"), null))
                .isEqualTo(Instant.parse("2026-04-07T15:00:00Z"));
    }

    @Test
    void decisionsJustBeforeAndJustAfterTheirDueTime() {
        ResponseClock amber = clocks.forRating(RagRating.AMBER);
        Instant received = Instant.parse("2026-04-02T15:00:00Z"); // due Tue 7 Apr 2026 15:00 UTC
        assertThat(amber.isMet(received, Instant.parse("2026-04-07T14:59:59Z"), calendar)).isTrue();
        assertThat(amber.isMet(received, Instant.parse("2026-04-07T15:00:00Z"), calendar)).isTrue();
        assertThat(amber.isMet(received, Instant.parse("2026-04-07T15:00:01Z"), calendar)).isFalse();
    }

    @Test
    void otherPathwayClocks() {
        // ICPC: strategy discussion Monday 14 Dec 2026 11:00 -> in time up to the end of Thu 7 Jan 2027.
        assertThat(contactClock.dueAt(ClockKind.ICPC, Instant.parse("2026-12-14T11:00:00Z")))
                .isEqualTo(Instant.parse("2027-01-08T00:00:00Z"));
        // Return interview: episode ended Fri 27 Mar 2026 22:00 GMT + 72 real hours, across the
        // spring change = Mon 30 Mar 22:00 UTC (23:00 BST).
        assertThat(contactClock.dueAt(ClockKind.RETURN_INTERVIEW, Instant.parse("2026-03-27T22:00:00Z")))
                .isEqualTo(Instant.parse("2026-03-30T22:00:00Z"));
        // Feedback: decision Thu 24 Dec 2026 16:00 -> 1 working day = Tue 29 Dec (25, 26-27, 28 off), end of day.
        assertThat(contactClock.dueAt(ClockKind.REFERRER_FEEDBACK, Instant.parse("2026-12-24T16:00:00Z")))
                .isEqualTo(Instant.parse("2026-12-30T00:00:00Z"));
        // Operation Encompass: incident Fri 20 Nov 2026 21:00 -> before school opens Mon 23 Nov 08:30 GMT.
        assertThat(contactClock.dueAt(ClockKind.OPERATION_ENCOMPASS, Instant.parse("2026-11-20T21:00:00Z")))
                .isEqualTo(Instant.parse("2026-11-23T08:30:00Z"));
        // Initial health assessment: into care Fri 20 Mar 2026 -> 20 working days = Tue 21 Apr, end of day (BST).
        assertThat(contactClock.dueAt(ClockKind.INITIAL_HEALTH_ASSESSMENT, Instant.parse("2026-03-20T10:00:00Z")))
                .isEqualTo(Instant.parse("2026-04-21T23:00:00Z"));
        // Strategy discussion: referral Fri 18 Dec 2026 17:00 + 24 working hours = Mon 21 Dec 17:00.
        assertThat(contactClock.dueAt(ClockKind.STRATEGY_DISCUSSION, Instant.parse("2026-12-18T17:00:00Z")))
                .isEqualTo(Instant.parse("2026-12-21T17:00:00Z"));
    }

    @Test
    void aBadClocksFileIsRefusedWithEveryProblem(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve(ResponseClocks.FILE), """
                rag:
                  red:   { amount: 0, basis: calendar-hours }
                  amber: { amount: 24, basis: working-hours }
                clocks:
                  threshold-decision: { amount: 24, basis: working-hours }
                  operation-encompass: { amount: 2, basis: next-school-day }
                """);
        assertThatThrownBy(() -> ResponseClocks.load(new ConfigFiles(dir)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("rag.red.amount: 0 must be a positive whole number")
                .hasMessageContaining("rag.green: missing")
                .hasMessageContaining("clocks.icpc: missing")
                .hasMessageContaining("clocks.operation-encompass.amount: 2 must be 0 for next-school-day");
    }
}
