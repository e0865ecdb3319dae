package org.safeguarding.hub.scorecard.measures;

import org.safeguarding.hub.scorecard.Computations;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The computations the scorecard may use. Wired here, beside the measures, so that the scorecard package
 * knows measures only through its interfaces (no package cycle; architecture.ArchitectureTest).
 */
@Configuration(proxyBeanMethods = false)
class MeasureBeans {

    @Bean
    Computations computations() {
        return ShippedComputations.all();
    }
}
