package org.safeguarding.hub.bounds;

import org.safeguarding.hub.calendar.WorkingCalendar;
import org.safeguarding.hub.config.ConfigurationException;
import org.safeguarding.hub.web.HubProblem;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/**
 * The one place that says which dates and reporting periods a request may ask about, so no request
 * makes the hub work on a year it holds nothing for (issue 12: {@code R12-0000-01} kept a thread busy
 * for minutes, {@code -0003-06-01} ended in a 500).
 * <ul>
 *   <li>A <em>period</em> (scorecard, {@code /fhir/MeasureReport}, the scorecard page) is served when
 *       it starts on or after {@code earliest} and no later than today (the running period is served,
 *       a period that has not started is not): {@code scorecard.ServedPeriods}.</li>
 *   <li>A <em>date or instant</em> in a search ({@code /fhir/AuditEvent?date=}) is served from
 *       {@code earliest} to 31 December of next year (a search may reach a little past today).</li>
 * </ul>
 * Anything else is a 400 problem naming the field and saying the range served. {@code earliest} is
 * {@code hub.bounds.earliest-date} (default 2000-01-01): the first day any partner's history can
 * be about; checked at start-up (from 1900-01-01, not after today). Days are Europe/London days.
 */
public final class ServedDates {

    /** The earliest {@code earliest} an operator may set: a typo such as 0201-04-01 is refused at start-up. */
    static final LocalDate FLOOR = LocalDate.of(1900, 1, 1);

    private final LocalDate earliest;
    private final Clock clock;
    private final ZoneId zone = WorkingCalendar.LONDON;

    public ServedDates(LocalDate earliest, Clock clock) {
        this.earliest = earliest;
        this.clock = clock;
        List<String> problems = earliest == null ? List.of("hub.bounds.earliest-date is required (e.g. 2000-01-01)")
                : earliest.isBefore(FLOOR) || earliest.isAfter(today())
                ? List.of("hub.bounds.earliest-date " + earliest + " must be from " + FLOOR + " to today (" + today() + ")")
                : List.of();
        ConfigurationException.throwIfAny("application settings (hub.bounds)", problems);
    }

    /** The first day any request may ask about. */
    public LocalDate earliest() {
        return earliest;
    }

    /** The last day a date in a search may name: 31 December of next year. */
    public LocalDate latestDate() {
        return LocalDate.of(today().getYear() + 1, 12, 31);
    }

    /**
     * Checks a day given as {@code field} is served.
     *
     * @throws HubProblem 400 naming {@code field} and the range served
     */
    public LocalDate date(LocalDate day, String field) {
        if (day.isBefore(earliest) || day.isAfter(latestDate())) {
            throw HubProblem.badRequest(field + " " + day + " is outside the dates the hub serves: "
                    + earliest + " to " + latestDate(), field);
        }
        return day;
    }

    /** Checks the local day of an instant given as {@code field} is served; see {@link #date}. */
    public Instant instant(Instant at, String field) {
        date(at.atZone(zone).toLocalDate(), field);
        return at;
    }

    /** Today in Europe/London, by the hub's clock. */
    public LocalDate today() {
        return LocalDate.now(clock.withZone(zone));
    }
}
