package org.safeguarding.hub.calendar;

import org.junit.jupiter.api.Test;
import org.safeguarding.hub.config.ConfigFiles;

import java.time.Instant;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every expected value is worked out by hand from the shipped bank holidays and school terms;
 * times are written in UTC with the local (Europe/London) time beside them.
 */
class WorkingCalendarTest {

    private final WorkingCalendar calendar = CalendarConfiguration.load(ConfigFiles.defaults());

    private static Instant utc(String text) {
        return Instant.parse(text);
    }

    @Test
    void workingDaysSkipWeekendsBankHolidaysAndSubstituteDays() {
        assertThat(calendar.isWorkingDay(LocalDate.parse("2026-12-24"))).isTrue();  // Thursday
        assertThat(calendar.isWorkingDay(LocalDate.parse("2026-12-25"))).isFalse(); // Christmas Day, Friday
        assertThat(calendar.isWorkingDay(LocalDate.parse("2026-12-26"))).isFalse(); // Boxing Day, Saturday
        assertThat(calendar.isWorkingDay(LocalDate.parse("2026-12-28"))).isFalse(); // Boxing Day substitute, Monday
        assertThat(calendar.isWorkingDay(LocalDate.parse("2026-12-29"))).isTrue();
        assertThat(calendar.isWorkingDay(LocalDate.parse("2027-12-27"))).isFalse(); // Christmas substitute
        assertThat(calendar.isWorkingDay(LocalDate.parse("2020-12-28"))).isFalse(); // Boxing Day substitute
        assertThat(calendar.isWorkingDay(LocalDate.parse("2026-04-03"))).isFalse(); // Good Friday
        assertThat(calendar.isWorkingDay(LocalDate.parse("2026-04-06"))).isFalse(); // Easter Monday
        assertThat(calendar.isBankHoliday(LocalDate.parse("2026-11-21"))).isFalse(); // a plain Saturday
        assertThat(calendar.isWorkingDay(LocalDate.parse("2026-11-21"))).isFalse();
    }

    @Test
    void twentyFourWorkingHoursOverEaster() {
        // docs/domain.md: Thursday 2 April 2026 16:00 BST; Thursday has 8 hours left; Good Friday,
        // Saturday, Sunday and Easter Monday stop the clock; Tuesday 7 April gives the other 16.
        assertThat(calendar.plusWorkingHours(utc("2026-04-02T15:00:00Z"), 24))
                .isEqualTo(utc("2026-04-07T15:00:00Z")); // Tuesday 7 April 2026 16:00 BST
    }

    @Test
    void twentyFourWorkingHoursOverChristmasWithTheBoxingDaySubstitute() {
        // Thursday 24 Dec 2026 09:00 GMT: 15 hours left on Thursday; 25 (holiday), 26-27 (weekend),
        // 28 (Boxing Day substitute) stop; the remaining 9 hours run on Tuesday 29 December.
        assertThat(calendar.plusWorkingHours(utc("2026-12-24T09:00:00Z"), 24))
                .isEqualTo(utc("2026-12-29T09:00:00Z"));
        // Green, 72 hours from Wednesday 23 Dec 12:00: Wed 12 + Thu 24 = 36; Tue 29 = 60; Wed 30 +12.
        assertThat(calendar.plusWorkingHours(utc("2026-12-23T12:00:00Z"), 72))
                .isEqualTo(utc("2026-12-30T12:00:00Z"));
    }

    @Test
    void aClockStartedAtTheWeekendStartsAtTheNextWorkingMidnight() {
        // Saturday 21 Nov 2026 10:00 GMT: the clock starts Monday 23 November 00:00.
        assertThat(calendar.plusWorkingHours(utc("2026-11-21T10:00:00Z"), 4))
                .isEqualTo(utc("2026-11-23T04:00:00Z"));
        assertThat(calendar.plusWorkingHours(utc("2026-11-21T10:00:00Z"), 24))
                .isEqualTo(utc("2026-11-24T00:00:00Z")); // all of Monday
        // Friday 27 Nov 2026 00:00 + 24 ends at the midnight that ends Friday, not on Monday.
        assertThat(calendar.plusWorkingHours(utc("2026-11-27T00:00:00Z"), 24))
                .isEqualTo(utc("2026-11-28T00:00:00Z"));
        // One hour more runs on into Monday 30 November.
        assertThat(calendar.plusWorkingHours(utc("2026-11-27T00:00:00Z"), 25))
                .isEqualTo(utc("2026-11-30T01:00:00Z"));
    }

    @Test
    void workingHoursKeepLocalTimeAcrossTheSpringChange() {
        // Friday 27 March 2026 12:00 GMT; clocks go forward Sunday 29 March (a non-working day), so
        // the due time is Monday 30 March 12:00 BST, which is 11:00 UTC.
        assertThat(calendar.plusWorkingHours(utc("2026-03-27T12:00:00Z"), 24))
                .isEqualTo(utc("2026-03-30T11:00:00Z"));
    }

    @Test
    void workingHoursKeepLocalTimeAcrossTheAutumnChange() {
        // Friday 23 October 2026 12:00 BST (11:00 UTC); clocks go back Sunday 25 October; due Monday
        // 26 October 12:00 GMT = 12:00 UTC.
        assertThat(calendar.plusWorkingHours(utc("2026-10-23T11:00:00Z"), 24))
                .isEqualTo(utc("2026-10-26T12:00:00Z"));
    }

    @Test
    void calendarHoursAreRealElapsedHoursAcrossBothChanges() {
        // docs/domain.md: Sunday 29 March 2026 00:30 GMT + 4 hours = 05:30 BST (04:30 UTC).
        assertThat(calendar.plusCalendarHours(utc("2026-03-29T00:30:00Z"), 4))
                .isEqualTo(utc("2026-03-29T04:30:00Z"));
        // Sunday 25 October 2026 00:30 BST (23:30 UTC on the 24th) + 4 hours = 03:30 GMT, although
        // the wall clock moved only 3 hours on, because 01:00-02:00 happened twice.
        assertThat(calendar.plusCalendarHours(utc("2026-10-24T23:30:00Z"), 4))
                .isEqualTo(utc("2026-10-25T03:30:00Z"));
    }

    @Test
    void workingHoursAcrossAMonthEnd() {
        // Friday 30 January 2026 20:00 GMT + 72: Fri 4, Mon 2 Feb 24 (28), Tue 3 Feb 24 (52), Wed 4 Feb 20.
        assertThat(calendar.plusWorkingHours(utc("2026-01-30T20:00:00Z"), 72))
                .isEqualTo(utc("2026-02-04T20:00:00Z"));
    }

    @Test
    void withinNWorkingDays() {
        // docs/domain.md: ICPC for a strategy discussion on Monday 14 December 2026, 15 working days:
        // 15-18 Dec (4), 21-24 Dec (8), 25 and 28 holidays, 29-31 Dec (11), 1 Jan holiday, 4-7 Jan (15).
        assertThat(calendar.plusWorkingDays(LocalDate.parse("2026-12-14"), 15)).isEqualTo(LocalDate.parse("2027-01-07"));
        assertThat(calendar.endOfWorkingDaysAfter(LocalDate.parse("2026-12-14"), 15))
                .isEqualTo(utc("2027-01-08T00:00:00Z")); // the midnight that ends Thursday 7 January
        // Month end and early May bank holiday: Thu 30 April 2026 + 3 = Fri 1 May, Tue 5, Wed 6 May.
        assertThat(calendar.plusWorkingDays(LocalDate.parse("2026-04-30"), 3)).isEqualTo(LocalDate.parse("2026-05-06"));
        // Initial health assessment, entering care Friday 20 March 2026 + 20: 23-27 Mar (5),
        // 30 Mar-2 Apr (9), Easter, 7-10 Apr (13), 13-17 Apr (18), 20 Apr (19), 21 Apr (20).
        assertThat(calendar.plusWorkingDays(LocalDate.parse("2026-03-20"), 20)).isEqualTo(LocalDate.parse("2026-04-21"));
        // From a Saturday, the first working day after it is the Monday.
        assertThat(calendar.plusWorkingDays(LocalDate.parse("2026-11-21"), 1)).isEqualTo(LocalDate.parse("2026-11-23"));
        assertThat(calendar.plusWorkingDays(LocalDate.parse("2026-11-23"), 0)).isEqualTo(LocalDate.parse("2026-11-23"));
        assertThatThrownBy(() -> calendar.plusWorkingDays(LocalDate.parse("2026-11-23"), -1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void nextSchoolDaySkipsWeekendsHolidaysHalfTermsAndInsetDays() {
        assertThat(calendar.nextSchoolDay(LocalDate.parse("2026-11-20"))).isEqualTo(LocalDate.parse("2026-11-23")); // Fri -> Mon
        // Thursday before Easter 2026: the Spring 2 term ended 27 March; Summer 1 starts Monday 13 April.
        assertThat(calendar.nextSchoolDay(LocalDate.parse("2026-04-02"))).isEqualTo(LocalDate.parse("2026-04-13"));
        // Last day of the autumn term 2026; Spring 1 2027 starts Monday 4 January with an INSET day.
        assertThat(calendar.nextSchoolDay(LocalDate.parse("2026-12-18"))).isEqualTo(LocalDate.parse("2027-01-05"));
        // Summer 2 2027 is the last configured term: the day after it is unknown, so refused.
        assertThatThrownBy(() -> calendar.nextSchoolDay(LocalDate.parse("2027-07-21")))
                .isInstanceOf(OutsideCalendar.class).hasMessageContaining("school-terms.yml")
                .hasMessageContaining("hub.config-dir")
                .extracting(e -> ((OutsideCalendar) e).day()).isEqualTo(LocalDate.parse("2027-07-22"));
    }

    @Test
    void operationEncompassIsDueAtTheStartOfTheNextSchoolDay() {
        // Monday 23 Nov 2026 07:00 GMT is before school opens (08:30): due the same morning.
        assertThat(calendar.startOfNextSchoolDay(utc("2026-11-23T07:00:00Z"))).isEqualTo(utc("2026-11-23T08:30:00Z"));
        // Monday 23 Nov 2026 19:00: due Tuesday 08:30 GMT.
        assertThat(calendar.startOfNextSchoolDay(utc("2026-11-23T19:00:00Z"))).isEqualTo(utc("2026-11-24T08:30:00Z"));
        // Thursday 14 May 2026 22:00 BST (21:00 UTC): Friday 15 May 08:30 BST = 07:30 UTC.
        assertThat(calendar.startOfNextSchoolDay(utc("2026-05-14T21:00:00Z"))).isEqualTo(utc("2026-05-15T07:30:00Z"));
        // Friday 22 May 2026 (last day before half-term) 20:00 BST: Monday 1 June 08:30 BST.
        assertThat(calendar.startOfNextSchoolDay(utc("2026-05-22T19:00:00Z"))).isEqualTo(utc("2026-06-01T07:30:00Z"));
    }

    // The shipped bank-holidays.yml covers 2020 to 2027 (covers-years: [2020, 2027]).

    @Test
    void goodFriday2028IsNotCountedAsAWorkingDayButRefused() {
        // Good Friday 2028 is 14 April; 2028's holidays are not listed, so the hub cannot tell.
        assertThatThrownBy(() -> calendar.isWorkingDay(LocalDate.parse("2028-04-14")))
                .isInstanceOf(OutsideCalendar.class)
                .hasMessageContaining("2028-04-14").hasMessageContaining("2020 to 2027")
                .hasMessageContaining("bank-holidays.yml").hasMessageContaining("hub.config-dir")
                .extracting(e -> ((OutsideCalendar) e).day()).isEqualTo(LocalDate.parse("2028-04-14"));
        assertThatThrownBy(() -> calendar.isBankHoliday(LocalDate.parse("2028-04-14"))).isInstanceOf(OutsideCalendar.class);
        assertThatThrownBy(() -> calendar.isWorkingDay(LocalDate.parse("2019-12-31"))).isInstanceOf(OutsideCalendar.class);
        // Thursday 30 December 2027 + 2 working days: Friday 31, then a 2028 day.
        assertThatThrownBy(() -> calendar.plusWorkingDays(LocalDate.parse("2027-12-30"), 2))
                .isInstanceOf(OutsideCalendar.class);
        assertThatThrownBy(() -> calendar.endOfWorkingDaysAfter(LocalDate.parse("2027-12-31"), 1))
                .isInstanceOf(OutsideCalendar.class);
        assertThatThrownBy(() -> calendar.nextWorkingDay(LocalDate.parse("2027-12-31")))
                .isInstanceOf(OutsideCalendar.class);
    }

    @Test
    void workingHoursThatNeedTheNextUncoveredYearAreRefused() {
        // Friday 31 December 2027 16:00 GMT: 8 hours left on Friday, the other 16 need January 2028.
        assertThatThrownBy(() -> calendar.plusWorkingHours(utc("2027-12-31T16:00:00Z"), 24))
                .isInstanceOf(OutsideCalendar.class)
                .extracting(e -> ((OutsideCalendar) e).day()).isEqualTo(LocalDate.parse("2028-01-01"));
        // The same 8 hours alone end at the midnight that ends 2027: no 2028 day is decided.
        assertThat(calendar.plusWorkingHours(utc("2027-12-31T16:00:00Z"), 8)).isEqualTo(utc("2028-01-01T00:00:00Z"));
        // Within the covered years nothing changes: docs/domain.md's Easter example still holds.
        assertThat(calendar.plusWorkingHours(utc("2026-04-02T15:00:00Z"), 24))
                .isEqualTo(utc("2026-04-07T15:00:00Z")); // Thu 2 Apr 2026 16:00 BST -> Tue 7 Apr 16:00 BST
    }

    @Test
    void calendarHoursNeedNoBankHolidaysAndStayComputable() {
        // Good Friday 2028, 14 April 10:00 BST (09:00 UTC) + 4 calendar hours = 14:00 BST.
        assertThat(calendar.plusCalendarHours(utc("2028-04-14T09:00:00Z"), 4)).isEqualTo(utc("2028-04-14T13:00:00Z"));
    }

    @Test
    void theStartUpWarningBeginsExactlySixMonthsBeforeTheCoveredYearsEnd() {
        CoveredYears covered = calendar.covered();
        assertThat(covered.lastDay()).isEqualTo(LocalDate.parse("2027-12-31"));
        // The first uncovered day is 1 January 2028; six months before it is 1 July 2027.
        assertThat(covered.warning(LocalDate.parse("2027-06-30"))).isEmpty();      // one day less
        assertThat(covered.warning(LocalDate.parse("2027-07-01"))).hasValueSatisfying(w -> assertThat(w)
                .contains("2027-12-31").contains("covers-years 2020 to 2027").contains("hub.config-dir")); // exactly
        assertThat(covered.warning(LocalDate.parse("2027-07-02"))).isPresent();    // one day more
        assertThat(covered.warning(LocalDate.parse("2026-11-30"))).isEmpty();
    }
}
