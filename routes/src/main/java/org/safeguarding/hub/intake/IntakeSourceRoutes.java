package org.safeguarding.hub.intake;

import org.apache.camel.builder.RouteBuilder;
import org.safeguarding.hub.health.HealthBundleFeed;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.nio.file.Path;
import java.time.Clock;

/**
 * The optional intake sources, each on when configured ({@link IntakeProperties}): the education drop
 * folder ({@code hub.intake.drop-folder}) and the health pull ({@code hub.intake.health-pull.base-url}).
 */
@Configuration(proxyBeanMethods = false)
class IntakeSourceRoutes {

    @Bean
    @ConditionalOnExpression("!'${hub.intake.drop-folder}'.isBlank()")
    DropFolderRoute dropFolderRoute(IntakeProperties settings) {
        return new DropFolderRoute(Path.of(settings.dropFolder()));
    }

    @Bean
    @ConditionalOnExpression("!'${hub.intake.health-pull.base-url}'.isBlank()")
    HealthPull healthPull(IntakeProperties settings, JdbcClient jdbc, IntakeService intake, HealthBundleFeed feed,
                          Clock clock) {
        IntakeProperties.HealthPullSource pull = settings.healthPull();
        return new HealthPull("health-pull:" + pull.agency(), pull.baseUrl(), pull.resource(), pull.agency(), jdbc,
                intake, feed, clock);
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
