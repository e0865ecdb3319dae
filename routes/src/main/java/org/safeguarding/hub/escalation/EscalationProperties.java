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
 */
public record EscalationProperties(@NotNull @DurationMin(millis = 1) Duration sweepInterval,
                                   @NotNull @DurationMin(millis = 0) Duration sweepDelay) {
}
