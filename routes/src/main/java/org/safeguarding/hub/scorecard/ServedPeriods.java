package org.safeguarding.hub.scorecard;

import org.safeguarding.hub.bounds.ServedDates;
import org.safeguarding.hub.web.HubProblem;

import java.time.LocalDate;

/**
 * Which reporting periods a request may ask about (issue 12): a period is served when it starts on or after
 * {@link ServedDates#earliest()} and no later than today, so the running period is served and one that has
 * not started is not. Here rather than in {@code bounds} so that {@code bounds} knows nothing of the
 * scorecard (no package cycle).
 */
final class ServedPeriods {

    private ServedPeriods() {
    }

    /**
     * Parses a period label given as {@code field} and checks it is served.
     *
     * @throws HubProblem 400 naming {@code field}: the label is malformed (what a label looks like),
     *                    or the period starts before the earliest served day or after today (the range served)
     */
    static Period check(ServedDates served, String label, String field) {
        Period period;
        try {
            period = Period.parse(label);
        } catch (IllegalArgumentException e) {
            throw HubProblem.badRequest(e.getMessage(), field);
        }
        LocalDate today = served.today();
        if (period.start().isBefore(served.earliest()) || period.start().isAfter(today)) {
            throw HubProblem.badRequest("period '" + label + "' starts on " + period.start() + "; the hub serves periods"
                    + " starting from " + served.earliest() + " to today (" + today + "), e.g. "
                    + Period.containing(period.type(), today).label(), field);
        }
        return period;
    }
}
