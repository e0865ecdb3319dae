package org.safeguarding.hub.demo;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The demo's clock: the partner simulator sets "now" to each message's time so that a quarter of
 * history goes through the real endpoints in minutes, with the hub's clocks, due times and
 * scorecard periods as they would have been. Used only when {@code hub.demo.simulated-clock=true}
 * (./hub demo); after the simulation it follows the real time again. Token expiry is always
 * checked against the real time.
 */
public final class SimulatedClock extends Clock {

    public static final SimulatedClock INSTANCE = new SimulatedClock();

    private volatile Instant fixed;

    private SimulatedClock() {
    }

    /** From now on the hub's "now" is {@code at}, until {@link #followRealTime()}. */
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
