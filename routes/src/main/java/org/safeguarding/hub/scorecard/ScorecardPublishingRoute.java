package org.safeguarding.hub.scorecard;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * Once an interval (default hourly), publish every closed period that is due to the scorecard's
 * subscribers; the work is in {@link ScorecardPublishing}, delivery in the outbox route.
 */
@Component
class ScorecardPublishingRoute extends RouteBuilder {

    private final ScorecardProperties settings;

    ScorecardPublishingRoute(ScorecardProperties settings) {
        this.settings = settings;
    }

    @Override
    public void configure() {
        from("timer:scorecard-publisher?period=" + settings.publishInterval().toMillis()
                + "&delay=" + settings.publishDelay().toMillis())
                .routeId("scorecard-publisher")
                .bean(ScorecardPublishing.class, "publishClosedPeriods")
                .filter(body().isGreaterThan(0))
                    .log("Scorecard publishing: ${body} message(s) queued for subscribers")
                .end();
    }
}
