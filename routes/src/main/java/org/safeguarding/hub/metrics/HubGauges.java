package org.safeguarding.hub.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.safeguarding.hub.database.SqlTime;
import org.safeguarding.hub.mash.ContactStates;
import org.safeguarding.hub.partner.Agency;
import org.safeguarding.hub.partner.Feed;
import org.safeguarding.hub.partner.PartnerRegistry;
import org.safeguarding.hub.partner.Partnership;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The gauges that count rows in the database, for the operator's Prometheus scrape. Their label
 * sets come from the partner registry and are fixed at start-up (agencies, feeds, partnerships),
 * never from data, so no child, record or message id can become a label:
 * <ul>
 *   <li>{@code hub_quarantine_open_records{agency, feed}}: quarantined records waiting for a replay
 *       (every agency, every feed);</li>
 *   <li>{@code hub_outbox_messages{status}}: messages not yet delivered: {@code pending} (the
 *       backlog), {@code awaiting-fetch} (for agencies without an endpoint), {@code dead} (dead
 *       letters);</li>
 *   <li>{@code hub_outbox_retrying_messages}: pending messages whose delivery has failed at least
 *       once; {@code hub_outbox_oldest_pending_seconds}: how long the oldest pending one has waited;</li>
 *   <li>{@code hub_contacts_overdue{partnership}}: contacts with no threshold decision past their
 *       due time (the MASH queue's overdue view).</li>
 * </ul>
 * One reading (four indexed aggregate queries: V10 quarantine_open, V80 outbox_undelivered, V45
 * contact_open_due) serves every gauge for {@code hub.metrics.refresh}; scrapes in between run no
 * query, so scraping more often costs the database nothing. Every node reads the same database:
 * aggregate these across nodes with {@code max}, not {@code sum}.
 */
@Component
class HubGauges implements MeterBinder {

    /** One reading of the database; missing keys are 0. */
    record Reading(Instant at, Map<String, Long> quarantine, Map<String, Long> outbox, long retrying,
                   double oldestPendingSeconds, Map<String, Long> overdue) {
    }

    private final JdbcClient jdbc;
    private final PartnerRegistry registry;
    private final Clock clock;
    private final Duration refresh;
    private Reading last;

    HubGauges(JdbcClient jdbc, PartnerRegistry registry, Clock clock, MetricsProperties settings) {
        this.jdbc = jdbc;
        this.registry = registry;
        this.clock = clock;
        this.refresh = settings.refresh();
    }

    @Override
    public void bindTo(MeterRegistry meters) {
        for (Agency agency : registry.agencies()) {
            for (Feed feed : Feed.values()) {
                gauge("hub.quarantine.open.records", "Quarantined records waiting for a replay",
                        r -> r.quarantine().getOrDefault(agency.id() + "/" + feed.code(), 0L))
                        .tag("agency", agency.id()).tag("feed", feed.code()).register(meters);
            }
        }
        for (String status : new String[] {"pending", "fetch", "dead"}) {
            gauge("hub.outbox.messages", "Outbox messages not yet delivered, by status",
                    r -> r.outbox().getOrDefault(status, 0L))
                    .tag("status", status.equals("fetch") ? "awaiting-fetch" : status).register(meters);
        }
        gauge("hub.outbox.retrying.messages", "Pending outbox messages whose delivery has failed at least once",
                Reading::retrying).register(meters);
        gauge("hub.outbox.oldest.pending", "How long the oldest pending outbox message has waited",
                Reading::oldestPendingSeconds).baseUnit("seconds").register(meters);
        for (Partnership partnership : registry.partnerships()) {
            gauge("hub.contacts.overdue", "Contacts without a threshold decision past their due time",
                    r -> r.overdue().getOrDefault(partnership.id(), 0L)).tag("partnership", partnership.id())
                    .register(meters);
        }
    }

    private Gauge.Builder<HubGauges> gauge(String name, String description,
                                           ToDoubleFunction<Reading> value) {
        return Gauge.builder(name, this, gauges -> value.applyAsDouble(gauges.reading())).description(description)
                .strongReference(true);
    }

    /** The last reading, or a new one when it is older than {@code hub.metrics.refresh}. */
    synchronized Reading reading() {
        Instant now = clock.instant();
        if (last == null || !now.isBefore(last.at().plus(refresh)) || now.isBefore(last.at())) {
            last = read(now);
        }
        return last;
    }

    private Reading read(Instant now) {
        Map<String, Long> quarantine = new HashMap<>();
        jdbc.sql("SELECT agency_id, feed, count(*) AS n FROM quarantine WHERE status = 'open' GROUP BY agency_id, feed")
                .query(rs -> {
                    quarantine.put(rs.getString("agency_id") + "/" + rs.getString("feed"), rs.getLong("n"));
                });
        Map<String, Long> outbox = new HashMap<>();
        jdbc.sql("SELECT status, count(*) AS n FROM outbox WHERE status <> 'delivered' GROUP BY status")
                .query(rs -> {
                    outbox.put(rs.getString("status"), rs.getLong("n"));
                });
        record Pending(long retrying, Instant oldest) {
        }
        Pending pending = jdbc.sql("""
                SELECT count(*) FILTER (WHERE attempts > 0) AS retrying, min(created_at) AS oldest
                FROM outbox WHERE status = 'pending'""")
                .query((rs, row) -> new Pending(rs.getLong("retrying"), SqlTime.instant(rs, "oldest"))).single();
        Map<String, Long> overdue = new HashMap<>();
        jdbc.sql("""
                SELECT c.partnership_id, count(*) AS n FROM contact c
                WHERE %s AND c.due_at < :now GROUP BY c.partnership_id""".formatted(ContactStates.OPEN))
                .param("now", SqlTime.utc(now)).query(rs -> {
                    overdue.put(rs.getString("partnership_id"), rs.getLong("n"));
                });
        return new Reading(now, quarantine, outbox, pending.retrying(), pending.oldest() == null ? 0
                : Math.max(0, Duration.between(pending.oldest(), now).toMillis() / 1000.0), overdue);
    }
}
