package org.safeguarding.hub.escalation;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/** Every interval, each node tries the sweep; the JDBC lock lets one of them run it. */
@Component
class TimelinessSweepRoute extends RouteBuilder {

    @Override
    public void configure() {
        from("timer:timeliness-sweep?period={{hub.escalation.sweep-interval:60000}}&delay={{hub.escalation.sweep-delay:60000}}")
                .routeId("timeliness-sweep")
                .bean(SweepJob.class, "runOnce");
    }
}
