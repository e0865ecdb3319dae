package org.safeguarding.hub.metrics;

import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;

import java.time.Duration;

/**
 * {@code hub.metrics}: the operator's Prometheus metrics ({@link HubGauges}).
 *
 * @param refresh how long the gauges that count rows in the database (quarantine, outbox, overdue
 *                contacts) reuse their last reading; scrapes within it run no query. 0 reads every scrape.
 */
public record MetricsProperties(@NotNull @DurationMin(millis = 0) Duration refresh) {
}
