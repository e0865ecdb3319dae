package org.safeguarding.hub.calendar;

import java.time.LocalDate;

/**
 * A working-time sum needed a day the configured calendar does not cover (bank holidays are only
 * known for {@code covers-years} in bank-holidays.yml; school terms only to the last term). The
 * hub refuses to compute such a due time rather than count an unknown bank holiday as a working day.
 */
public final class OutsideCalendar extends IllegalStateException {

    private final LocalDate day;

    public OutsideCalendar(LocalDate day, String message) {
        super(message);
        this.day = day;
    }

    /** The first day the calendar could not vouch for. */
    public LocalDate day() {
        return day;
    }
}
