package org.safeguarding.hub.partner;

import org.safeguarding.hub.config.ConfigFiles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.DependsOn;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Loads and validates the operator's configuration at start-up ({@link ConfigFiles}: {@code hub.config-dir}
 * or the shipped files); writes the reference tables.
 */
@Configuration(proxyBeanMethods = false)
class PartnerConfiguration {

    @Bean
    PartnerRegistry partnerRegistry(ConfigFiles files) {
        return PartnerRegistry.load(files);
    }

    /** Written right after the schema migration, before any route or endpoint can use it. */
    @Bean
    @DependsOn("flywayInitializer")
    ReferenceData referenceData(JdbcClient jdbc, PartnerRegistry registry) {
        ReferenceData referenceData = new ReferenceData(jdbc);
        referenceData.write(registry);
        return referenceData;
    }
}
