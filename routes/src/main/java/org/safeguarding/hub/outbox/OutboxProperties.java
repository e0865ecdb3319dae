package org.safeguarding.hub.outbox;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
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
 * @param retry        backoff between attempts and when to dead-letter ({@link RetryPolicy})
 */
public record OutboxProperties(
        @Positive int batchSize,
        @NotNull @DurationMin(millis = 1) Duration timeout,
        @NotNull @DurationMin(millis = 1) Duration pollInterval,
        @NotNull @DurationMin(millis = 0) Duration pollDelay,
        @NotNull @Valid Retry retry) {

    /**
     * {@code hub.outbox.retry}: checked here, key by key, so that every wrong value is reported at once
     * under its own key ({@link RetryPolicy}'s constructor would stop binding at the first).
     *
     * @param maxAttempts failed attempts before the message is dead-lettered, at least 1
     * @param firstDelay  the wait after the first failure
     * @param multiplier  how much each wait grows, at least 1
     * @param maxDelay    the longest wait, not below first-delay
     */
    public record Retry(@Min(1) int maxAttempts, @NotNull @DurationMin(millis = 0) Duration firstDelay,
                        @DecimalMin("1.0") double multiplier, @NotNull Duration maxDelay) {

        /** Named after the key it checks, so the failure reads {@code hub.outbox.retry.max-delay}. */
        @AssertTrue(message = "must not be below first-delay")
        public boolean isMaxDelay() {
            return maxDelay == null || firstDelay == null || maxDelay.compareTo(firstDelay) >= 0;
        }

        public RetryPolicy policy() {
            return new RetryPolicy(maxAttempts, firstDelay, multiplier, maxDelay);
        }
    }
}
