package org.safeguarding.hub.scorecard;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * Once an interval (default hourly), publish every closed period that is due to the scorecard's
 * subscribers; the work is in {@link ScorecardPublishing}, delivery in the outbox route.
 */
@Component
class ScorecardPublishingRoute extends RouteBuilder {

    @Override
    public void configure() {
        from("timer:scorecard-publisher?period={{hub.scorecard.publish-interval:3600000}}"
                + "&delay={{hub.scorecard.publish-delay:60000}}")
                .routeId("scorecard-publisher")
                .bean(ScorecardPublishing.class, "publishClosedPeriods")
                .filter(body().isGreaterThan(0))
                    .log("Scorecard publishing: ${body} message(s) queued for subscribers")
                .end();
    }
}
