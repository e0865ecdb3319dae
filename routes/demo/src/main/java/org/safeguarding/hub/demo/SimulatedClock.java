package org.safeguarding.hub.demo;

import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.Ordered;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * The demo's clock: the partner simulator sets "now" to each message's time so that a quarter of
 * history goes through the real endpoints in minutes, with the hub's clocks, due times and
 * scorecard periods as they would have been. Only the demo's hub uses it ({@link #AS_HUB_CLOCK});
 * after the simulation it follows the real time again. Token expiry is always checked against the
 * real time.
 *
 * <p>Simulated time is for the simulator's own requests (they carry {@link #HEADER} with this run's
 * {@link #marker()}) and for the hub's background work (sweep, outbox) only. Any other request (a real
 * partner system posting to the demo hub while the quarter is replayed, a person on the pages) sees the
 * real time: its receipt says when it really arrived, and a record it dates today is not "in the
 * future" of a simulated September (issue 13, an outside tester).
 */
public final class SimulatedClock extends Clock {

    public static final SimulatedClock INSTANCE = new SimulatedClock();

    /** The header the simulator's requests carry, with {@link #marker()}: nobody outside this JVM knows the value. */
    public static final String HEADER = "X-Demo-Simulator";

    /** Set for the length of a request that is not the simulator's: this thread sees the real time. */
    private static final ThreadLocal<Boolean> REAL_TIME = new ThreadLocal<>();

    /**
     * Makes {@link #INSTANCE} the hub's Clock: registered before the context refreshes as the
     * primary Clock, so every bean that takes a Clock gets it instead of the production
     * {@code Clock.systemUTC()} (HubApplication), which knows nothing of the demo. With it, the filter
     * that gives every request but the simulator's the real time, first of all filters.
     */
    public static final ApplicationContextInitializer<GenericApplicationContext> AS_HUB_CLOCK = context -> {
        context.registerBean("simulatedClock", Clock.class, () -> INSTANCE, definition -> definition.setPrimary(true));
        context.registerBean("simulatedClockRequests", FilterRegistrationBean.class, () -> {
            FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(INSTANCE.requests());
            registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
            return registration;
        });
    };

    private final String marker = UUID.randomUUID().toString();
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

    /** The value of {@link #HEADER} on the simulator's requests: random for each JVM. */
    public String marker() {
        return marker;
    }

    @Override
    public Instant instant() {
        Instant at = fixed;
        return at == null || REAL_TIME.get() != null ? Instant.now() : at;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.fixed(instant(), zone);
    }

    /** A request without this run's marker runs on the real time (its thread, for as long as it lasts). */
    private Filter requests() {
        return (request, response, chain) -> {
            boolean simulator = request instanceof HttpServletRequest http && marker.equals(http.getHeader(HEADER));
            if (simulator) {
                chain.doFilter(request, response);
                return;
            }
            REAL_TIME.set(Boolean.TRUE);
            try {
                chain.doFilter(request, response);
            } finally {
                REAL_TIME.remove();
            }
        };
    }
}
