package org.safeguarding.hub.calendar;

import org.safeguarding.hub.config.ConfigFiles;
import org.safeguarding.hub.config.ConfigurationException;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Period;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads {@code bank-holidays.yml} and {@code school-terms.yml} into a {@link WorkingCalendar},
 * reporting every problem at start-up.
 */
public final class CalendarConfiguration {

    public static final String BANK_HOLIDAYS = "bank-holidays.yml";
    public static final String SCHOOL_TERMS = "school-terms.yml";

    /**
     * The shape of {@code bank-holidays.yml}. {@code warnBeforeEnd} is an ISO-8601 period (e.g. {@code P6M});
     * absent means {@link CoveredYears#DEFAULT_WARNING}.
     */
    public record BankHolidays(String zone, List<Integer> coversYears, String warnBeforeEnd, List<Holiday> bankHolidays) {
    }

    /** One bank holiday. */
    public record Holiday(LocalDate date, String name) {
    }

    /** The shape of {@code school-terms.yml}. */
    public record Terms(String schoolDayStartsAt, List<SchoolTerms.Term> terms, List<Holiday> closures) {
    }

    private CalendarConfiguration() {
    }

    /** The calendar from the operator's files (or the shipped ones). */
    public static WorkingCalendar load(ConfigFiles files) {
        BankHolidays holidays = files.read(BANK_HOLIDAYS, BankHolidays.class);
        ConfigurationException.throwIfAny(files.describe(BANK_HOLIDAYS), problems(holidays));
        Terms terms = files.read(SCHOOL_TERMS, Terms.class);
        ConfigurationException.throwIfAny(files.describe(SCHOOL_TERMS), problems(terms));
        Set<LocalDate> dates = new HashSet<>();
        holidays.bankHolidays().forEach(h -> dates.add(h.date()));
        List<Holiday> closures = terms.closures() == null ? List.of() : terms.closures();
        Set<LocalDate> closed = new HashSet<>();
        closures.forEach(c -> closed.add(c.date()));
        SchoolTerms schoolTerms = new SchoolTerms(LocalTime.parse(terms.schoolDayStartsAt()), terms.terms(), closed);
        CoveredYears covered = new CoveredYears(holidays.coversYears().get(0), holidays.coversYears().get(1),
                warning(holidays.warnBeforeEnd()));
        return new WorkingCalendar(ZoneId.of(holidays.zone()), dates, covered, schoolTerms);
    }

    private static Period warning(String text) {
        return text == null ? CoveredYears.DEFAULT_WARNING : Period.parse(text);
    }

    static List<String> problems(BankHolidays d) {
        List<String> problems = new ArrayList<>();
        try {
            Period warn = warning(d.warnBeforeEnd());
            if (warn.isNegative() || warn.isZero()) {
                problems.add("warn-before-end: '" + d.warnBeforeEnd() + "' must be a positive period like P6M");
            }
        } catch (DateTimeParseException e) {
            problems.add("warn-before-end: '" + d.warnBeforeEnd() + "' is not a period like P6M (six months) or P90D");
        }
        try {
            ZoneId.of(d.zone() == null ? "" : d.zone());
        } catch (DateTimeException e) {
            problems.add("zone: '" + d.zone() + "' is not a time zone like Europe/London");
        }
        if (d.bankHolidays() == null || d.bankHolidays().isEmpty()) {
            problems.add("bank-holidays: list the bank holidays, e.g. - { date: 2026-12-25, name: Christmas Day }");
            return problems;
        }
        Set<LocalDate> seen = new HashSet<>();
        for (int i = 0; i < d.bankHolidays().size(); i++) {
            Holiday h = d.bankHolidays().get(i);
            if (h.date() == null) {
                problems.add("bank-holidays[" + i + "].date: required (yyyy-mm-dd)");
            } else if (!seen.add(h.date())) {
                problems.add("bank-holidays[" + i + "].date: " + h.date() + " is listed twice");
            }
        }
        if (d.coversYears() == null || d.coversYears().size() != 2 || d.coversYears().get(0) > d.coversYears().get(1)) {
            problems.add("covers-years: give [first, last] year the list is complete for, e.g. [2020, 2027]");
        } else {
            for (int year = d.coversYears().get(0); year <= d.coversYears().get(1); year++) {
                int y = year;
                if (seen.stream().noneMatch(date -> date.getYear() == y)) {
                    problems.add("bank-holidays: no holidays listed for " + y + ", which covers-years includes");
                }
            }
        }
        return problems;
    }

    static List<String> problems(Terms d) {
        List<String> problems = new ArrayList<>();
        try {
            LocalTime.parse(d.schoolDayStartsAt() == null ? "" : d.schoolDayStartsAt());
        } catch (DateTimeException e) {
            problems.add("school-day-starts-at: '" + d.schoolDayStartsAt() + "' is not a time like \"08:30\"");
        }
        if (d.terms() == null || d.terms().isEmpty()) {
            problems.add("terms: list the terms, e.g. - { name: Autumn 1, first-day: 2026-09-02, last-day: 2026-10-23 }");
            return problems;
        }
        for (SchoolTerms.Term t : d.terms()) {
            String where = "terms[" + t.name() + "]";
            if (t.firstDay() == null || t.lastDay() == null) {
                problems.add(where + ": first-day and last-day are required");
            } else if (t.lastDay().isBefore(t.firstDay())) {
                problems.add(where + ".last-day: before first-day");
            }
        }
        for (Holiday c : d.closures() == null ? List.<Holiday>of() : d.closures()) {
            if (c.date() == null) {
                problems.add("closures[" + c.name() + "].date: required (yyyy-mm-dd)");
            }
        }
        return problems;
    }
}
