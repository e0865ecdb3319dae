package org.safeguarding.hub.outbox;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import org.hibernate.validator.constraints.time.DurationMin;

import java.time.Duration;

/**
 * {@code hub.outbox}: delivery of outbox messages ({@link OutboxPublisher}, {@link OutboxPublishingRoute});
 * a plain number of a duration is milliseconds.
 *
 * @param batchSize    messages claimed at once by a node
 * @param timeout      HTTP connect and response timeout of one delivery
 * @param pollInterval how often a node claims due messages
 * @param pollDelay    before the first claim after start-up
 * @param retry        backoff between attempts and when to dead-letter (the {@link RetryPolicy} checks its own
 *                     rules: max-attempts at least 1, multiplier at least 1, max-delay not below first-delay)
 */
public record OutboxProperties(
        @Positive int batchSize,
        @NotNull @DurationMin(millis = 1) Duration timeout,
        @NotNull @DurationMin(millis = 1) Duration pollInterval,
        @NotNull @DurationMin(millis = 0) Duration pollDelay,
        @NotNull RetryPolicy retry) {
}
