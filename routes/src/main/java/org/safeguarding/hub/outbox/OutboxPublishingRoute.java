package org.safeguarding.hub.outbox;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * Publishes the outbox: every poll, claim the due messages (FOR UPDATE SKIP LOCKED, so nodes share
 * the work without sending anything twice at once) and deliver each to its agency.
 */
@Component
class OutboxPublishingRoute extends RouteBuilder {

    private final OutboxProperties settings;

    OutboxPublishingRoute(OutboxProperties settings) {
        this.settings = settings;
    }

    @Override
    public void configure() {
        from("timer:outbox-publisher?period=" + settings.pollInterval().toMillis()
                + "&delay=" + settings.pollDelay().toMillis())
                .routeId("outbox-publisher")
                .bean(OutboxPublisher.class, "claimDue")
                .split(body())
                    .bean(OutboxPublisher.class, "deliver")
                .end();
    }
}
