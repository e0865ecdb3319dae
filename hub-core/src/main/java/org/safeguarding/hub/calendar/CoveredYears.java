package org.safeguarding.hub.calendar;

import java.time.LocalDate;
import java.time.Period;
import java.util.Optional;

/**
 * The years bank-holidays.yml is complete for ({@code covers-years: [first, last]}), and how long
 * before the last of them ends the hub starts warning ({@code warn-before-end}, default six months).
 * A working-time sum never decides about a day outside these years: it throws {@link OutsideCalendar}.
 */
public record CoveredYears(int first, int last, Period warnBeforeEnd) {

    /** The default {@code warn-before-end}: six months, long enough to get next year's holidays published. */
    public static final Period DEFAULT_WARNING = Period.ofMonths(6);

    /** 1 January of the first covered year. */
    public LocalDate firstDay() {
        return LocalDate.of(first, 1, 1);
    }

    /** 31 December of the last covered year. */
    public LocalDate lastDay() {
        return LocalDate.of(last, 12, 31);
    }

    public boolean contains(LocalDate date) {
        return date.getYear() >= first && date.getYear() <= last;
    }

    /** "2020 to 2027" (or "2026" for one year), as messages say it. */
    public String describe() {
        return first == last ? Integer.toString(first) : first + " to " + last;
    }

    /**
     * The start-up warning when the covered years end within {@code warnBeforeEnd} of {@code today}:
     * from the day that is exactly that long before the first uncovered day (covers to 2027, six
     * months: from 1 July 2027) onwards; empty before it.
     */
    public Optional<String> warning(LocalDate today) {
        LocalDate firstUncovered = lastDay().plusDays(1);
        if (today.plus(warnBeforeEnd).isBefore(firstUncovered)) {
            return Optional.empty();
        }
        return Optional.of("The working-time calendar's bank holidays end on " + lastDay() + " (covers-years "
                + describe() + " in " + CalendarConfiguration.BANK_HOLIDAYS + "). From " + firstUncovered
                + " the hub refuses every due time it cannot count. Add the next year's bank holidays "
                + "(https://www.gov.uk/bank-holidays) to an operator copy of " + CalendarConfiguration.BANK_HOLIDAYS
                + " in hub.config-dir and extend covers-years.");
    }
}
