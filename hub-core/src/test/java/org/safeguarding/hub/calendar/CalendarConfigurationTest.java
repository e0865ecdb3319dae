package org.safeguarding.hub.calendar;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.safeguarding.hub.config.ConfigFiles;
import org.safeguarding.hub.config.ConfigurationException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CalendarConfigurationTest {

    @TempDir
    Path dir;

    @Test
    void anOperatorFileReplacesTheShippedHolidays() throws IOException {
        Files.writeString(dir.resolve(CalendarConfiguration.BANK_HOLIDAYS), """
                zone: Europe/London
                covers-years: [2026, 2026]
                bank-holidays:
                  - { date: 2026-11-23, name: A one-off local holiday }
                """);
        WorkingCalendar calendar = CalendarConfiguration.load(new ConfigFiles(dir));
        assertThat(calendar.isWorkingDay(LocalDate.parse("2026-11-23"))).isFalse();
        assertThat(calendar.isWorkingDay(LocalDate.parse("2026-12-28"))).isTrue(); // no longer listed
    }

    @Test
    void everyProblemIsReportedAtOnce() throws IOException {
        Files.writeString(dir.resolve(CalendarConfiguration.BANK_HOLIDAYS), """
                zone: Europe/Londres
                covers-years: [2026, 2027]
                bank-holidays:
                  - { date: 2026-12-25, name: Christmas Day }
                  - { date: 2026-12-25, name: Christmas Day again }
                """);
        assertThatThrownBy(() -> CalendarConfiguration.load(new ConfigFiles(dir)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("3 problem(s)")
                .hasMessageContaining("zone: 'Europe/Londres' is not a time zone")
                .hasMessageContaining("bank-holidays[1].date: 2026-12-25 is listed twice")
                .hasMessageContaining("no holidays listed for 2027");
    }

    @Test
    void theWarningPeriodIsValidatedAndDefaultsToSixMonths() throws IOException {
        writeHolidays("warn-before-end: six months\n");
        assertThatThrownBy(() -> CalendarConfiguration.load(new ConfigFiles(dir)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("warn-before-end: 'six months' is not a period like P6M");
        writeHolidays("warn-before-end: P0D\n");
        assertThatThrownBy(() -> CalendarConfiguration.load(new ConfigFiles(dir)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("warn-before-end: 'P0D' must be a positive period");
        writeHolidays("");
        CoveredYears covered = CalendarConfiguration.load(new ConfigFiles(dir)).covered();
        assertThat(covered.warnBeforeEnd()).isEqualTo(java.time.Period.ofMonths(6));
        assertThat(covered.warning(LocalDate.parse("2026-06-30"))).isEmpty(); // 1 Jan 2027 - 6 months = 1 Jul 2026
        assertThat(covered.warning(LocalDate.parse("2026-07-01"))).isPresent();
    }

    private void writeHolidays(String warning) throws IOException {
        Files.writeString(dir.resolve(CalendarConfiguration.BANK_HOLIDAYS), "zone: Europe/London\n"
                + "covers-years: [2026, 2026]\n" + warning
                + "bank-holidays:\n  - { date: 2026-12-25, name: Christmas Day }\n");
    }

    @Test
    void badSchoolTermsAreReported() throws IOException {
        Files.writeString(dir.resolve(CalendarConfiguration.SCHOOL_TERMS), """
                school-day-starts-at: "half eight"
                terms:
                  - { name: Autumn, first-day: 2026-12-18, last-day: 2026-09-02 }
                """);
        assertThatThrownBy(() -> CalendarConfiguration.load(new ConfigFiles(dir)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("school-day-starts-at: 'half eight' is not a time")
                .hasMessageContaining("terms[Autumn].last-day: before first-day");
    }
}
