package org.safeguarding.hub.escalation;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/** Every interval, each node tries the sweep; the JDBC lock lets one of them run it. */
@Component
class TimelinessSweepRoute extends RouteBuilder {

    private final EscalationProperties settings;

    TimelinessSweepRoute(EscalationProperties settings) {
        this.settings = settings;
    }

    @Override
    public void configure() {
        from("timer:timeliness-sweep?period=" + settings.sweepInterval().toMillis()
                + "&delay=" + settings.sweepDelay().toMillis())
                .routeId("timeliness-sweep")
                .bean(SweepJob.class, "runOnce");
    }
}
