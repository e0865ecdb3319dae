package org.safeguarding.hub.health;

import org.apache.camel.builder.RouteBuilder;
import org.safeguarding.hub.intake.IntakeCheckpoints;
import org.safeguarding.hub.intake.IntakeProperties;
import org.safeguarding.hub.intake.IntakeService;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Clock;

/**
 * The health pull ({@link HealthPull}), on when {@code hub.intake.health-pull.base-url} is set
 * ({@link IntakeProperties.HealthPullSource}): every {@code delay-ms} it asks the trust's FHIR server for
 * what changed and submits it as the health feed.
 */
@Configuration(proxyBeanMethods = false)
class HealthPullRoutes {

    @Bean
    @ConditionalOnExpression("!'${hub.intake.health-pull.base-url}'.isBlank()")
    HealthPull healthPull(IntakeProperties settings, JdbcClient jdbc, IntakeService intake, HealthBundleFeed feed,
                          Clock clock) {
        IntakeProperties.HealthPullSource pull = settings.healthPull();
        return new HealthPull("health-pull:" + pull.agency(), pull.baseUrl(), pull.resource(), pull.agency(),
                new IntakeCheckpoints(jdbc), intake, feed, clock);
    }

    @Bean
    @ConditionalOnExpression("!'${hub.intake.health-pull.base-url}'.isBlank()")
    RouteBuilder healthPullRoute(IntakeProperties settings) {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("scheduler:health-pull?delay=" + settings.healthPull().delayMs()).routeId("health-pull")
                        .bean(HealthPull.class, "poll")
                        .log("health pull: ${body}");
            }
        };
    }
}
