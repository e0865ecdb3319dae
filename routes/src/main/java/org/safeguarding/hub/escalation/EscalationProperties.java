package org.safeguarding.hub.escalation;

import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;

import java.time.Duration;

/**
 * {@code hub.escalation}: how often each node tries the timeliness sweep ({@link TimelinessSweepRoute});
 * a plain number is milliseconds.
 *
 * @param sweepInterval between two tries, at least 1 ms
 * @param sweepDelay    before the first try after start-up
 * @param lockTtl       how long the JDBC lock of a singleton job (the sweep, scorecard publishing) holds without
 *                      being released, at least 1 s: a node that dies holding it delays the job by at most this
 *                      long; a node paused for longer (a stop-the-world pause, a frozen VM) may find another
 *                      node has run the job meanwhile (README, Operations)
 */
public record EscalationProperties(@NotNull @DurationMin(millis = 1) Duration sweepInterval,
                                   @NotNull @DurationMin(millis = 0) Duration sweepDelay,
                                   @NotNull @DurationMin(seconds = 1) Duration lockTtl) {
}
