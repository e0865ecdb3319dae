package org.safeguarding.hub.mash;

import org.safeguarding.hub.calendar.WorkingCalendar;

import java.time.Instant;

/**
 * A time limit: an amount counted on a {@link ClockBasis}. {@link #dueAt} gives the last instant
 * that is still in time; an action at or before it is timely.
 */
public record ResponseClock(int amount, ClockBasis basis) {

    /** The clock as staff read it in a note: "24 working hours", "3 working days", "the next school day". */
    public String words() {
        return switch (basis) {
            case CALENDAR_HOURS -> amount + (amount == 1 ? " hour" : " hours");
            case WORKING_HOURS -> amount + (amount == 1 ? " working hour" : " working hours");
            case WORKING_DAYS -> amount + (amount == 1 ? " working day" : " working days");
            case NEXT_SCHOOL_DAY -> "the next school day";
        };
    }

    /** When the clock started at {@code start} runs out. */
    public Instant dueAt(Instant start, WorkingCalendar calendar) {
        return switch (basis) {
            case CALENDAR_HOURS -> calendar.plusCalendarHours(start, amount);
            case WORKING_HOURS -> calendar.plusWorkingHours(start, amount);
            case WORKING_DAYS -> calendar.endOfWorkingDaysAfter(calendar.localDate(start), amount);
            case NEXT_SCHOOL_DAY -> calendar.startOfNextSchoolDay(start);
        };
    }

    /** True when something done at {@code doneAt} met the clock started at {@code start}. */
    public boolean isMet(Instant start, Instant doneAt, WorkingCalendar calendar) {
        return !doneAt.isAfter(dueAt(start, calendar));
    }

    @Override
    public String toString() {
        return amount + " " + basis.name().toLowerCase().replace('_', '-');
    }
}
