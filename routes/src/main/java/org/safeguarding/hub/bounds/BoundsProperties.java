package org.safeguarding.hub.bounds;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;

import java.time.Duration;
import java.time.LocalDate;

/**
 * {@code hub.bounds}: the bounded work of every request (issue 12, {@link BoundsConfiguration}).
 * A statement timeout longer than an hour is no bound at all for a request, so it is refused.
 *
 * @param earliestDate              the first day a request may ask about, not after today (checked with
 *                                  the other settings; {@link ServedDates} also checks it is from 1900-01-01)
 * @param statementTimeout          PostgreSQL {@code statement_timeout} of the statements of HTTP requests, 1 ms to 1 h
 * @param scorecardStatementTimeout the same for the scorecard's addresses, 1 ms to 1 h
 */
public record BoundsProperties(
        @NotNull @PastOrPresent(message = "must not be after today") LocalDate earliestDate,
        @NotNull @DurationMin(millis = 1) @DurationMax(hours = 1) Duration statementTimeout,
        @NotNull @DurationMin(millis = 1) @DurationMax(hours = 1) Duration scorecardStatementTimeout) {
}
