package org.safeguarding.hub.intake;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.nio.file.Path;

/**
 * The optional intake sources, each on when configured ({@link IntakeProperties}): the education drop
 * folder ({@code hub.intake.drop-folder}) here, and the health pull ({@code hub.intake.health-pull.base-url},
 * {@code health.HealthPullRoutes}).
 */
@Configuration(proxyBeanMethods = false)
class IntakeSourceRoutes {

    @Bean
    @ConditionalOnExpression("!'${hub.intake.drop-folder}'.isBlank()")
    DropFolderRoute dropFolderRoute(IntakeProperties settings) {
        return new DropFolderRoute(Path.of(settings.dropFolder()));
    }
}
