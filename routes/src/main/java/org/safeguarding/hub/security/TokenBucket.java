package org.safeguarding.hub.security;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * A token bucket: holds up to {@code capacity} tokens, refilled continuously at {@code refillPerSecond};
 * each request takes one. Time comes from a nanosecond ticker so tests can drive it.
 */
final class TokenBucket {

    private final double capacity;
    private final double refillPerNano;
    private final LongSupplier nanoTime;
    private double tokens;
    private long lastRefill;

    TokenBucket(SecurityProperties.Limit limit, LongSupplier nanoTime) {
        this.capacity = limit.capacity();
        this.refillPerNano = limit.refillPerSecond() / 1e9;
        this.nanoTime = nanoTime;
        this.tokens = capacity;
        this.lastRefill = nanoTime.getAsLong();
    }

    /** Takes a token if there is one; otherwise says how long until there will be. */
    synchronized Duration tryTake() {
        long now = nanoTime.getAsLong();
        tokens = Math.min(capacity, tokens + (now - lastRefill) * refillPerNano);
        lastRefill = now;
        if (tokens >= 1) {
            tokens -= 1;
            return Duration.ZERO;
        }
        return Duration.ofNanos((long) Math.ceil((1 - tokens) / refillPerNano));
    }
}
