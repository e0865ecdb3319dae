package org.safeguarding.hub.intake;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

import java.time.Duration;

/**
 * The intake route's metrics, counted once a message's receipt is committed (a re-sent message,
 * answered with its first receipt, never reaches the route and is not counted again):
 * <ul>
 *   <li>{@code hub_intake_records_total{agency, feed, outcome}}: records by outcome
 *       ({@code accepted}, {@code duplicate}, {@code rejected});</li>
 *   <li>{@code hub_intake_seconds{feed}}: from a message entering the route to its receipt (read
 *       by its adapter and stored in one transaction), a histogram.</li>
 * </ul>
 * Labels are the sending agency, the feed and the outcome only: never a child, record or message id.
 */
@Component
public class IntakeMetrics {

    private static final Duration[] LATENCY_BUCKETS = {Duration.ofMillis(10), Duration.ofMillis(50),
            Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
            Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30)};

    private final MeterRegistry meters;

    IntakeMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    /** Counts a stored message's records and its time in the route; returns the receipt unchanged. */
    public Receipt recorded(Receipt receipt, Exchange exchange) {
        count(receipt, RecordOutcome.ACCEPTED, receipt.accepted());
        count(receipt, RecordOutcome.DUPLICATE, receipt.duplicates());
        count(receipt, RecordOutcome.REJECTED, receipt.rejected());
        Timer.builder("hub.intake").description("Time from a message entering the intake route to its receipt")
                .tag("feed", receipt.feed()).serviceLevelObjectives(LATENCY_BUCKETS).register(meters)
                .record(Duration.ofMillis(exchange.getClock().elapsed()));
        return receipt;
    }

    private void count(Receipt receipt, String outcome, int records) {
        Counter.builder("hub.intake.records").description("Partner records received, by outcome")
                .tag("agency", receipt.agency()).tag("feed", receipt.feed()).tag("outcome", outcome)
                .register(meters).increment(records);
    }
}
