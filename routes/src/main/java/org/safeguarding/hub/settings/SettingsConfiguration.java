package org.safeguarding.hub.settings;

import org.safeguarding.hub.bounds.BoundsProperties;
import org.safeguarding.hub.config.ConfigFiles;
import org.safeguarding.hub.database.EmbeddedDatabaseProperties;
import org.safeguarding.hub.escalation.EscalationProperties;
import org.safeguarding.hub.intake.IntakeProperties;
import org.safeguarding.hub.metrics.MetricsProperties;
import org.safeguarding.hub.outbox.OutboxProperties;
import org.safeguarding.hub.scorecard.ScorecardProperties;
import org.safeguarding.hub.security.SecurityProperties;
import org.safeguarding.hub.security.WebProperties;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Role;
import org.springframework.validation.Validator;

import java.nio.file.Path;

/**
 * Binds and validates {@link HubProperties} once and hands each feature its own part, so that a
 * feature depends on its settings record only, never on the whole tree (nor on this package).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(HubProperties.class)
public class SettingsConfiguration {

    /** Validates {@link HubProperties} after binding (static: Boot looks it up by name before binding). */
    @Bean
    @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
    static Validator configurationPropertiesValidator() {
        return new SettingsValidator();
    }

    /** The operator's rule files: {@code hub.config-dir}, or the shipped ones when it is empty. */
    @Bean
    ConfigFiles configFiles(HubProperties hub) {
        return hub.configDir().isBlank() ? ConfigFiles.defaults() : new ConfigFiles(Path.of(hub.configDir()));
    }

    @Bean
    EmbeddedDatabaseProperties embeddedDatabaseProperties(HubProperties hub) {
        return hub.embeddedDatabase();
    }

    @Bean
    BoundsProperties boundsProperties(HubProperties hub) {
        return hub.bounds();
    }

    @Bean
    SecurityProperties securityProperties(HubProperties hub) {
        return hub.security();
    }

    @Bean
    WebProperties webProperties(HubProperties hub) {
        return hub.web();
    }

    @Bean
    IntakeProperties intakeProperties(HubProperties hub) {
        return hub.intake();
    }

    @Bean
    OutboxProperties outboxProperties(HubProperties hub) {
        return hub.outbox();
    }

    @Bean
    EscalationProperties escalationProperties(HubProperties hub) {
        return hub.escalation();
    }

    @Bean
    ScorecardProperties scorecardProperties(HubProperties hub) {
        return hub.scorecard();
    }

    @Bean
    MetricsProperties metricsProperties(HubProperties hub) {
        return hub.metrics();
    }
}
