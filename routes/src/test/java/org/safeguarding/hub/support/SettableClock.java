package org.safeguarding.hub.support;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A Clock a test sets, for a hub whose hours must pass within a test (put in place of the hub's
 * Clock bean with {@code @TestBean}). UTC, like the hub's; the real time until {@link #set}, and
 * again after {@link #followRealTime()}.
 */
public final class SettableClock extends Clock {

    private volatile Instant fixed;

    /** From now on "now" is {@code at}, until {@link #followRealTime()}. */
    public void set(Instant at) {
        fixed = at;
    }

    public void followRealTime() {
        fixed = null;
    }

    @Override
    public Instant instant() {
        Instant at = fixed;
        return at == null ? Instant.now() : at;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.fixed(instant(), zone);
    }
}
