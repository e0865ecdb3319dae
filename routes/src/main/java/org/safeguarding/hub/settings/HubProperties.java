package org.safeguarding.hub.settings;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.safeguarding.hub.bounds.BoundsProperties;
import org.safeguarding.hub.database.EmbeddedDatabaseProperties;
import org.safeguarding.hub.escalation.EscalationProperties;
import org.safeguarding.hub.intake.IntakeProperties;
import org.safeguarding.hub.metrics.MetricsProperties;
import org.safeguarding.hub.outbox.OutboxProperties;
import org.safeguarding.hub.scorecard.ScorecardProperties;
import org.safeguarding.hub.security.SecurityProperties;
import org.safeguarding.hub.security.WebProperties;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Every {@code hub.*} setting of the running hub, as one tree bound at start-up and validated there
 * with Jakarta Bean Validation ({@link SettingsValidator}; the constraints are on the records of the
 * parts): a wrong or missing value stops the hub with the key, the value given and why it was refused. The defaults and the environment variables are in {@code application.yml} and
 * nowhere else (the README's tables are checked against them by {@code ConfigurationReferenceTest}).
 * Each part is a record of the feature that reads it, which gets only its own part as a bean
 * ({@link SettingsConfiguration}); the rules of the operator's files ({@code config/hub/*.yml}) are
 * not here but in {@code hub.config-dir}.
 *
 * <p>Not in the tree: {@code hub.demo.*} (the demo's own switches) and {@code hub.command} (which
 * one-off command {@code ./hub} runs).
 *
 * @param configDir        a folder of operator files overriding the shipped {@code config/hub}; empty: the shipped ones
 * @param embeddedDatabase the PostgreSQL the hub starts itself when no {@code spring.datasource.url} is set
 * @param bounds           the bounded work of every request
 * @param security         the API's transport guards
 * @param web              how the pages sign staff in
 * @param intake           partner intake: body size, matching thresholds, the optional drop folder and health pull
 * @param outbox           delivery of notices to partner endpoints
 * @param escalation       the timeliness sweep's timer
 * @param scorecard        the scorecard's computation, FHIR base and publishing timer
 * @param metrics          the operator's Prometheus metrics
 */
@ConfigurationProperties("hub")
public record HubProperties(
        @NotNull String configDir,
        @NotNull @Valid EmbeddedDatabaseProperties embeddedDatabase,
        @NotNull @Valid BoundsProperties bounds,
        @NotNull @Valid SecurityProperties security,
        @NotNull @Valid WebProperties web,
        @NotNull @Valid IntakeProperties intake,
        @NotNull @Valid OutboxProperties outbox,
        @NotNull @Valid EscalationProperties escalation,
        @NotNull @Valid ScorecardProperties scorecard,
        @NotNull @Valid MetricsProperties metrics) {
}
