package org.safeguarding.hub.demo;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.support.GenericApplicationContext;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The demo's clock: the partner simulator sets "now" to each message's time so that a quarter of
 * history goes through the real endpoints in minutes, with the hub's clocks, due times and
 * scorecard periods as they would have been. Only the demo's hub uses it ({@link #AS_HUB_CLOCK});
 * after the simulation it follows the real time again. Token expiry is always checked against the
 * real time.
 */
public final class SimulatedClock extends Clock {

    public static final SimulatedClock INSTANCE = new SimulatedClock();

    /**
     * Makes {@link #INSTANCE} the hub's Clock: registered before the context refreshes as the
     * primary Clock, so every bean that takes a Clock gets it instead of the production
     * {@code Clock.systemUTC()} (HubApplication), which knows nothing of the demo.
     */
    public static final ApplicationContextInitializer<GenericApplicationContext> AS_HUB_CLOCK = context ->
            context.registerBean("simulatedClock", Clock.class, () -> INSTANCE, definition -> definition.setPrimary(true));

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
