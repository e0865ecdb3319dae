package org.safeguarding.hub.intake;

import org.apache.camel.builder.RouteBuilder;
import org.safeguarding.hub.health.HealthBundleFeed;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Path;
import java.time.Clock;

/** The optional intake sources, each on when configured: the education drop folder and the health pull. */
@Configuration(proxyBeanMethods = false)
class IntakeSourceRoutes {

    @Bean
    @ConditionalOnExpression("!'${hub.intake.drop-folder:}'.isBlank()")
    DropFolderRoute dropFolderRoute(@Value("${hub.intake.drop-folder}") Path folder) {
        return new DropFolderRoute(folder);
    }

    @Bean
    @ConditionalOnExpression("!'${hub.intake.health-pull.base-url:}'.isBlank()")
    HealthPull healthPull(@Value("${hub.intake.health-pull.base-url}") String baseUrl,
                          @Value("${hub.intake.health-pull.resource:Encounter}") String resource,
                          @Value("${hub.intake.health-pull.agency}") String agency, JdbcTemplate jdbc,
                          IntakeService intake, HealthBundleFeed feed, Clock clock) {
        return new HealthPull("health-pull:" + agency, baseUrl, resource, agency, jdbc, intake, feed, clock);
    }

    @Bean
    @ConditionalOnExpression("!'${hub.intake.health-pull.base-url:}'.isBlank()")
    RouteBuilder healthPullRoute(@Value("${hub.intake.health-pull.delay-ms:60000}") long delay) {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("scheduler:health-pull?delay=" + delay).routeId("health-pull")
                        .bean(HealthPull.class, "poll")
                        .log("health pull: ${body}");
            }
        };
    }
}
