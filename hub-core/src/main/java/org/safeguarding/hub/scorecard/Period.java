package org.safeguarding.hub.scorecard;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A reporting period in local (Europe/London) dates: {@code start} inclusive, {@code end}
 * exclusive. Labels: {@code 2026-04} (a month), {@code 2026-27-Q1} (April to June 2026, financial
 * year quarters), {@code R12-2026-06} (the 12 months July 2025 to June 2026).
 */
public record Period(PeriodType type, LocalDate start, LocalDate end) {

    private static final Pattern QUARTER = Pattern.compile("(\\d{4})-(\\d{2})-Q([1-4])");
    private static final Pattern ROLLING = Pattern.compile("R12-(\\d{4}-\\d{2})");

    public static Period month(YearMonth month) {
        return new Period(PeriodType.MONTH, month.atDay(1), month.plusMonths(1).atDay(1));
    }

    /** Financial-year quarter: {@code financialYearStart} 2026 and quarter 1 is April to June 2026. */
    public static Period quarter(int financialYearStart, int quarter) {
        LocalDate start = LocalDate.of(financialYearStart, 4, 1).plusMonths(3L * (quarter - 1));
        return new Period(PeriodType.QUARTER, start, start.plusMonths(3));
    }

    public static Period rolling12Months(YearMonth lastMonth) {
        return new Period(PeriodType.ROLLING_12_MONTHS, lastMonth.minusMonths(11).atDay(1),
                lastMonth.plusMonths(1).atDay(1));
    }

    /** The period of {@code type} that contains {@code date} (for rolling periods: the one ending in its month). */
    public static Period containing(PeriodType type, LocalDate date) {
        YearMonth month = YearMonth.from(date);
        return switch (type) {
            case MONTH -> month(month);
            case QUARTER -> quarter(financialYear(date), quarterOf(date));
            case ROLLING_12_MONTHS -> rolling12Months(month);
        };
    }

    /** Parses a label; throws {@link IllegalArgumentException} saying what a label looks like. */
    public static Period parse(String label) {
        try {
            Matcher q = QUARTER.matcher(label);
            if (q.matches()) {
                int year = Integer.parseInt(q.group(1));
                if (Integer.parseInt(q.group(2)) != (year + 1) % 100) {
                    throw new IllegalArgumentException("financial year " + q.group(1) + "-" + q.group(2)
                            + " should be " + year + "-" + String.format("%02d", (year + 1) % 100));
                }
                return quarter(year, Integer.parseInt(q.group(3)));
            }
            Matcher r = ROLLING.matcher(label);
            if (r.matches()) {
                return rolling12Months(YearMonth.parse(r.group(1)));
            }
            if (label.matches("\\d{4}-\\d{2}")) {
                return month(YearMonth.parse(label));
            }
        } catch (DateTimeParseException e) {
            // Not the parser's wording (it names Java types): what is wrong, in the caller's terms.
            throw new IllegalArgumentException("'" + label + "' is not a period: months run from 01 to 12; use 2026-04 "
                    + "(month), 2026-27-Q1 (financial-year quarter) or R12-2026-06 (rolling 12 months)");
        }
        throw new IllegalArgumentException("'" + label
                + "' is not a period; use 2026-04 (month), 2026-27-Q1 (financial-year quarter) or R12-2026-06 (rolling 12 months)");
    }

    public String label() {
        return switch (type) {
            case MONTH -> YearMonth.from(start).toString();
            case QUARTER -> financialYear(start) + "-" + String.format("%02d", (financialYear(start) + 1) % 100)
                    + "-Q" + quarterOf(start);
            case ROLLING_12_MONTHS -> "R12-" + YearMonth.from(end.minusDays(1));
        };
    }

    private static int financialYear(LocalDate date) {
        return date.getMonthValue() >= 4 ? date.getYear() : date.getYear() - 1;
    }

    /** April-June is 1, July-September 2, October-December 3, January-March 4. */
    private static int quarterOf(LocalDate date) {
        return (date.getMonthValue() + 8) % 12 / 3 + 1;
    }

    public LocalDate lastDay() {
        return end.minusDays(1);
    }

    public Period previous() {
        return new Period(type, start.minusMonths(type.step()), end.minusMonths(type.step()));
    }

    /** The {@code length} periods ending with this one, oldest first. */
    public List<Period> trend(int length) {
        List<Period> periods = new ArrayList<>();
        Period p = this;
        for (int i = 0; i < length; i++) {
            periods.add(0, p);
            p = p.previous();
        }
        return periods;
    }

    /** A period is closed, and may be published, once its last day is over. */
    public boolean isClosedOn(LocalDate today) {
        return !today.isBefore(end);
    }

    public boolean contains(LocalDate date) {
        return !date.isBefore(start) && date.isBefore(end);
    }

    @Override
    public String toString() {
        return label();
    }
}
