package org.safeguarding.hub.scorecard;

import org.safeguarding.hub.scorecard.measures.ShippedComputations;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.safeguarding.hub.calendar.CalendarConfiguration;
import org.safeguarding.hub.config.ConfigFiles;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Measures that count working days are never computed for a period outside the calendar's covered
 * years (issue 11): on the hand-built dataset of {@code scorecard/fixture.sql}, with an operator's
 * bank-holidays.yml that covers 2026 only.
 */
class ScorecardCalendarTest {

    private static ScorecardFixture fixture;
    private static MeasureEngine covering2026;

    @BeforeAll
    static void load() throws IOException {
        fixture = new ScorecardFixture();
        Path dir = Files.createTempDirectory("calendar-2026");
        Files.writeString(dir.resolve(CalendarConfiguration.BANK_HOLIDAYS), """
                zone: Europe/London
                covers-years: [2026, 2026]
                bank-holidays:
                  - { date: 2026-04-03, name: Good Friday }
                  - { date: 2026-04-06, name: Easter Monday }
                  - { date: 2026-12-25, name: Christmas Day }
                  - { date: 2026-12-28, name: Boxing Day (substitute day) }
                """);
        covering2026 = new MeasureEngine(fixture.jdbc, new TransactionTemplate(new DataSourceTransactionManager(fixture.dataSource)),
                "64MB", ShippedComputations.all(), CalendarConfiguration.load(new ConfigFiles(dir)));
    }

    private static MeasureResult compute(MeasureEngine engine, String measure, String period) {
        return engine.compute(ScorecardFixture.PARTNERSHIP, fixture.catalogue.measure(measure).orElseThrow(),
                Period.parse(period), 8);
    }

    @Test
    void aWorkingDayMeasureHasNoFiguresForAPeriodPastTheCoveredYears() {
        // 2026-27 Q4 is January to March 2027. With the shipped calendar (2020-2027) ICPC 401 is in time,
        // 402 late and 403, linked to no discussion, not shown in time: 1 of 3 (ScorecardMeasuresTest). Covering 2026 only, January 2027's bank holiday
        // is unknown, so the measure has no figures (0 of 0, "not available") rather than a guess.
        assertThat(compute(fixture.engine, "icpc-within-15-working-days", "2026-27-Q4").current().total())
                .isEqualTo(new Figure(1, 3));
        MeasureResult outside = compute(covering2026, "icpc-within-15-working-days", "2026-27-Q4");
        assertThat(outside.current().total()).isEqualTo(Figure.ZERO);
        assertThat(outside.value(outside.current().total())).isNull();
    }

    @Test
    void inTheCoveredYearsNothingChangesButTrendPeriodsOutsideThemHaveNoFigures() {
        // 2026-27 Q3 (October to December 2026) is covered: assessments 701 in time, 702 late, 1 of 2.
        MeasureResult assessments = compute(covering2026, "assessments-within-45-working-days", "2026-27-Q3");
        assertThat(assessments.current().total()).isEqualTo(new Figure(1, 2));
        // Its trend's quarters before 2026 (2024-25 Q4 to 2025-26 Q3) are outside: no figures.
        assertThat(assessments.trend().get(0).period().label()).isEqualTo("2024-25-Q4");
        assertThat(assessments.trend().subList(0, 4)).allSatisfy(p -> assertThat(p.total()).isEqualTo(Figure.ZERO));
    }

    @Test
    void aCountThatNeedsNoWorkingDaysIsCountedOutsideTheCoveredYears() throws IOException {
        // A calendar covering 2027 only: 2026-27 Q3 is outside it, yet its 4 contacts received
        // (ScorecardMeasuresTest) are counted: counting them decides nothing about working days.
        Path dir = Files.createTempDirectory("calendar-2027");
        Files.writeString(dir.resolve(CalendarConfiguration.BANK_HOLIDAYS), """
                zone: Europe/London
                covers-years: [2027, 2027]
                bank-holidays:
                  - { date: 2027-01-01, name: New Year's Day }
                """);
        MeasureEngine covering2027 = new MeasureEngine(fixture.jdbc,
                new TransactionTemplate(new DataSourceTransactionManager(fixture.dataSource)), "64MB", ShippedComputations.all(),
                CalendarConfiguration.load(new ConfigFiles(dir)));
        assertThat(compute(covering2027, "contacts-received", "2026-27-Q3").current().total()).isEqualTo(new Figure(4, 0));
    }
}
