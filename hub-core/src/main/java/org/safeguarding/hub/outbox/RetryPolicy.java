package org.safeguarding.hub.outbox;

import java.time.Duration;

/**
 * How often delivery of an outbox message is tried: exponential backoff from {@code firstDelay},
 * multiplied by {@code multiplier} each time and capped at {@code maxDelay}; after
 * {@code maxAttempts} failed attempts the message is dead-lettered for an operator to replay.
 */
public record RetryPolicy(int maxAttempts, Duration firstDelay, double multiplier, Duration maxDelay) {

    public RetryPolicy {
        if (maxAttempts < 1 || firstDelay.isNegative() || multiplier < 1 || maxDelay.compareTo(firstDelay) < 0) {
            throw new IllegalArgumentException("retry policy needs max-attempts >= 1, multiplier >= 1 and "
                    + "max-delay >= first-delay: " + maxAttempts + ", " + firstDelay + ", " + multiplier + ", " + maxDelay);
        }
    }

    /** The wait after failed attempt number {@code attempt} (1 for the first): 1 -> first, 2 -> first x m, ... */
    public Duration delayAfter(int attempt) {
        double millis = firstDelay.toMillis() * Math.pow(multiplier, attempt - 1);
        return millis >= maxDelay.toMillis() ? maxDelay : Duration.ofMillis((long) millis);
    }

    /** True when no attempt is left after failed attempt number {@code attempt}. */
    public boolean exhaustedAfter(int attempt) {
        return attempt >= maxAttempts;
    }
}
