package org.safeguarding.hub.calendar;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Objects;
import java.util.Set;

/**
 * Working-time arithmetic for the partnership's clocks, computed in local time (Europe/London by
 * default) while every instant stays in UTC. The rules (docs/domain.md "How time is counted"):
 * <ul>
 *   <li>a <em>working day</em> is Monday to Friday except an England and Wales bank holiday,
 *       substitute days included;</li>
 *   <li><em>N working hours</em> run through all 24 hours of working days and stop from the midnight
 *       that starts a non-working day to the midnight that ends it, so a clock started on a Saturday
 *       starts at the next working day's midnight;</li>
 *   <li><em>within N working days of D</em> means on or before the N-th working day after D;</li>
 *   <li><em>calendar hours</em> are real elapsed hours, so a daylight-saving change neither adds nor
 *       removes time (00:30 GMT + 4 hours on the spring change day is 05:30 BST).</li>
 * </ul>
 * Bank holidays are only known for the {@link CoveredYears covered years}: every method that has to
 * decide whether a day outside them is a working day (or a bank holiday, or a school day) throws
 * {@link OutsideCalendar} rather than count an unknown holiday as a working day (issue 11: Good Friday
 * 2028 was counted as a working day). Calendar-hour sums need no holidays and work for any date.
 * Immutable and thread-safe. Load one with {@link CalendarConfiguration#load}.
 */
public final class WorkingCalendar {

    /** The zone every English partnership counts in. */
    public static final ZoneId LONDON = ZoneId.of("Europe/London");

    private final ZoneId zone;
    private final Set<LocalDate> bankHolidays;
    private final CoveredYears covered;
    private final SchoolTerms schoolTerms;

    /**
     * @param zone         the local zone days and midnights are counted in
     * @param bankHolidays the dates (substitute days included) that are not working days
     * @param covered      the years {@code bankHolidays} is complete for
     * @param schoolTerms  the school terms and closure days, for {@link #nextSchoolDay}
     */
    public WorkingCalendar(ZoneId zone, Set<LocalDate> bankHolidays, CoveredYears covered, SchoolTerms schoolTerms) {
        this.zone = Objects.requireNonNull(zone, "zone");
        this.bankHolidays = Set.copyOf(bankHolidays);
        this.covered = Objects.requireNonNull(covered, "covered");
        this.schoolTerms = Objects.requireNonNull(schoolTerms, "schoolTerms");
    }

    /** The years the bank holidays are known for; working-day sums outside them are refused. */
    public CoveredYears covered() {
        return covered;
    }

    /** Throws {@link OutsideCalendar} for a day whose bank holidays are not known. */
    private void requireCovered(LocalDate date) {
        if (!covered.contains(date)) {
            throw new OutsideCalendar(date, "Cannot tell whether " + date + " is a working day: the hub knows bank "
                    + "holidays for " + covered.describe() + " only (covers-years in " + CalendarConfiguration.BANK_HOLIDAYS
                    + "). An operator adds " + date.getYear() + "'s bank holidays to a copy of "
                    + CalendarConfiguration.BANK_HOLIDAYS + " in hub.config-dir and extends covers-years.");
        }
    }

    /** The zone local dates and midnights are counted in. */
    public ZoneId zone() {
        return zone;
    }

    /** The local date of {@code instant} in this calendar's zone. */
    public LocalDate localDate(Instant instant) {
        return instant.atZone(zone).toLocalDate();
    }

    /**
     * True for a bank holiday (including a substitute day).
     *
     * @throws OutsideCalendar for a date outside the {@link #covered() covered years}
     */
    public boolean isBankHoliday(LocalDate date) {
        requireCovered(date);
        return bankHolidays.contains(date);
    }

    /**
     * True for Monday to Friday when the date is not a bank holiday.
     *
     * @throws OutsideCalendar for a date outside the {@link #covered() covered years}
     */
    public boolean isWorkingDay(LocalDate date) {
        requireCovered(date);
        DayOfWeek day = date.getDayOfWeek();
        return day != DayOfWeek.SATURDAY && day != DayOfWeek.SUNDAY && !isBankHoliday(date);
    }

    /** The first working day strictly after {@code date}; {@link OutsideCalendar} when it would be past the covered years. */
    public LocalDate nextWorkingDay(LocalDate date) {
        LocalDate next = date.plusDays(1);
        while (!isWorkingDay(next)) {
            next = next.plusDays(1);
        }
        return next;
    }

    /**
     * The N-th working day after {@code date} (not counting {@code date} itself): the last day
     * that is still "within N working days of D". Strategy discussion on Monday 14 December 2026,
     * 15 working days: Thursday 7 January 2027. {@code n = 0} gives {@code date} itself.
     *
     * @throws OutsideCalendar when a day counted is outside the covered years
     */
    public LocalDate plusWorkingDays(LocalDate date, int n) {
        if (n < 0) {
            throw new IllegalArgumentException("working days must not be negative: " + n);
        }
        LocalDate day = date;
        for (int i = 0; i < n; i++) {
            day = nextWorkingDay(day);
        }
        return day;
    }

    /**
     * The last instant that is still "within N working days of D": the end (next local midnight) of
     * {@link #plusWorkingDays(LocalDate, int) the N-th working day after D}.
     */
    public Instant endOfWorkingDaysAfter(LocalDate date, int n) {
        return startOfDay(plusWorkingDays(date, n).plusDays(1));
    }

    /**
     * {@code start} plus {@code hours} working hours; the clock only runs on working days (all 24
     * hours of them). Thursday 2 April 2026 16:00 + 24 working hours = Tuesday 7 April 2026 16:00
     * (Good Friday, the weekend and Easter Monday do not count).
     *
     * @throws OutsideCalendar when the sum reaches a day outside the covered years (Friday 31 December
     *         2027 16:00 + 24 working hours needs January 2028)
     */
    public Instant plusWorkingHours(Instant start, long hours) {
        return plusWorkingTime(start, Duration.ofHours(hours));
    }

    /** {@code start} plus {@code amount} of working time; see {@link #plusWorkingHours}. */
    public Instant plusWorkingTime(Instant start, Duration amount) {
        if (amount.isNegative()) {
            throw new IllegalArgumentException("working time must not be negative: " + amount);
        }
        ZonedDateTime at = start.atZone(zone);
        if (!isWorkingDay(at.toLocalDate())) {
            at = nextWorkingDay(at.toLocalDate()).atStartOfDay(zone);
        }
        Duration remaining = amount;
        while (true) {
            ZonedDateTime endOfDay = at.toLocalDate().plusDays(1).atStartOfDay(zone);
            Duration leftToday = Duration.between(at, endOfDay);
            if (remaining.compareTo(leftToday) <= 0) {
                return at.toInstant().plus(remaining);
            }
            remaining = remaining.minus(leftToday);
            at = nextWorkingDay(at.toLocalDate()).atStartOfDay(zone);
        }
    }

    /** {@code start} plus {@code hours} real elapsed hours (daylight-saving changes do not shift it). */
    public Instant plusCalendarHours(Instant start, long hours) {
        return start.plus(Duration.ofHours(hours));
    }

    /** True on a weekday in a school term that is not a bank holiday nor a closure (INSET) day. */
    public boolean isSchoolDay(LocalDate date) {
        return isWorkingDay(date) && schoolTerms.isInTerm(date);
    }

    /**
     * The first school day strictly after {@code date}. Throws {@link OutsideCalendar} when the
     * configured terms (or covered bank-holiday years) end before one is found, so a missing year of
     * term dates is noticed.
     */
    public LocalDate nextSchoolDay(LocalDate date) {
        LocalDate day = date.plusDays(1);
        while (day.isAfter(schoolTerms.lastDay()) || !isSchoolDay(day)) {
            if (day.isAfter(schoolTerms.lastDay())) {
                throw new OutsideCalendar(day, "No school term dates after " + schoolTerms.lastDay()
                        + " (the last term in " + CalendarConfiguration.SCHOOL_TERMS + "), so the next school day after "
                        + date + " is unknown. An operator adds the next year's terms to a copy of "
                        + CalendarConfiguration.SCHOOL_TERMS + " in hub.config-dir.");
            }
            day = day.plusDays(1);
        }
        return day;
    }

    /**
     * When the next school day starts after {@code instant} (Operation Encompass: the school is told
     * "before the start of the next school day"). An instant before the start of a school day's
     * morning counts that same day as next.
     */
    public Instant startOfNextSchoolDay(Instant instant) {
        ZonedDateTime at = instant.atZone(zone);
        LocalDate today = at.toLocalDate();
        LocalTime opens = schoolTerms.schoolDayStartsAt();
        LocalDate day = isSchoolDay(today) && at.toLocalTime().isBefore(opens) ? today : nextSchoolDay(today);
        return day.atTime(opens).atZone(zone).toInstant();
    }

    /** The instant local {@code date} starts (its midnight) in this calendar's zone. */
    public Instant startOfDay(LocalDate date) {
        return date.atStartOfDay(zone).toInstant();
    }
}
