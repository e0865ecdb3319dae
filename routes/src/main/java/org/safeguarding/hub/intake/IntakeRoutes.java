package org.safeguarding.hub.intake;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * The intake pipeline as a Camel route: every feed, whether pushed over HTTP, dropped in a folder
 * or pulled from a partner, goes through the same two steps. The logic is in {@link IntakePipeline}.
 */
@Component
class IntakeRoutes extends RouteBuilder {

    static final String INTAKE = "direct:intake";

    @Override
    public void configure() {
        // A refused message is the caller's answer (4xx), not a route failure to log with a stack trace.
        from(INTAKE).routeId("intake").errorHandler(noErrorHandler())
                .bean(IntakePipeline.class, "parse")
                .bean(IntakePipeline.class, "store")
                .bean(IntakeMetrics.class, "recorded");
    }
}
