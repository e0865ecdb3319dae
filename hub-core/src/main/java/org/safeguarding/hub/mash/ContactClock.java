package org.safeguarding.hub.mash;

import org.safeguarding.hub.calendar.WorkingCalendar;

import java.time.Instant;

/**
 * When a contact's threshold decision is due: by its RAG rating's clock once rated, otherwise by
 * the headline "threshold decision" clock, always counted from the current version's receipt time
 * (so a corrected received_at moves the due time with it).
 */
public final class ContactClock {

    private final ResponseClocks clocks;
    private final WorkingCalendar calendar;

    public ContactClock(ResponseClocks clocks, WorkingCalendar calendar) {
        this.clocks = clocks;
        this.calendar = calendar;
    }

    public Instant dueAt(Instant receivedAt, RagRating ratingOrNull) {
        ResponseClock clock = ratingOrNull == null ? clocks.get(ClockKind.THRESHOLD_DECISION) : clocks.forRating(ratingOrNull);
        return clock.dueAt(receivedAt, calendar);
    }

    public Instant dueAt(ClockKind kind, Instant start) {
        return clocks.get(kind).dueAt(start, calendar);
    }

    public WorkingCalendar calendar() {
        return calendar;
    }
}
