package org.safeguarding.hub.scorecard;

import org.safeguarding.hub.cluster.SingletonJobs;
import org.safeguarding.hub.outbox.OutboundMessage;
import org.safeguarding.hub.outbox.Outbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Publishes each closed period to the subscribers in measures.yml: freezes the period's
 * disclosure-controlled scorecard and, in the same transaction, writes one outbox message per
 * subscriber; the outbox route delivers it with retries and a dead letter. A revision (late data
 * after publication) is sent as a new message; an unchanged period is not sent again (the
 * idempotency key names the versions). Runs on one node at a time (JDBC lock).
 */
@Component
public class ScorecardPublishing {

    private static final Logger log = LoggerFactory.getLogger(ScorecardPublishing.class);

    private final Scorecard scorecard;
    private final ScorecardFhir fhir;
    private final Outbox outbox;
    private final TransactionTemplate tx;
    private final SingletonJobs jobs;
    private final ObjectMapper json;
    private final Clock clock;

    ScorecardPublishing(Scorecard scorecard, ScorecardFhir fhir, Outbox outbox, TransactionTemplate tx,
                        SingletonJobs jobs, ObjectMapper json, Clock clock) {
        this.scorecard = scorecard;
        this.fhir = fhir;
        this.outbox = outbox;
        this.tx = tx;
        this.jobs = jobs;
        this.json = json;
        this.clock = clock;
    }

    /** The latest closed period of each configured type, for each subscriber. Returns the messages written. */
    public int publishClosedPeriods() {
        return jobs.runAlone("scorecard-publishing", () -> {
            LocalDate today = LocalDate.now(clock.withZone(ZoneId.of("Europe/London")));
            int sent = 0;
            MeasureCatalogue.Publishing publishing = scorecard.catalogue().publishing();
            for (PeriodType type : publishing.periodTypes()) {
                Period closed = Period.containing(type, today).previous();
                for (Subscriber subscriber : publishing.subscribers()) {
                    sent += publish(subscriber, closed) ? 1 : 0;
                }
            }
            return sent;
        }).orElse(0);
    }

    /** Freezes the period (a new version only if it changed) and enqueues it for the subscriber. */
    public boolean publish(Subscriber subscriber, Period period) {
        Boolean stored = tx.execute(status -> {
            List<ScorecardEntry> entries = scorecard.publish(subscriber.partnership(), period);
            String versions = entries.stream().map(e -> e.measure().id() + "=" + e.version())
                    .collect(Collectors.joining(","));
            String key = "scorecard:" + subscriber.id() + ":" + period.label() + ":"
                    + Integer.toHexString(versions.hashCode()) + ":" + entries.stream().mapToInt(ScorecardEntry::version).sum();
            return outbox.enqueue(new OutboundMessage(subscriber.partnership(), subscriber.agency(), "scorecard",
                    key, payload(subscriber, period, entries)));
        });
        if (Boolean.TRUE.equals(stored)) {
            log.info("Scorecard {} for {} queued for {}", period.label(), subscriber.partnership(), subscriber.id());
        }
        return Boolean.TRUE.equals(stored);
    }

    private String payload(Subscriber subscriber, Period period, List<ScorecardEntry> entries) {
        ObjectNode body = json.createObjectNode();
        body.put("type", "scorecard");
        body.put("partnership", subscriber.partnership());
        body.put("period", period.label());
        body.put("disclosureControl", scorecard.catalogue().disclosureRule().statement());
        if (subscriber.formats().contains("fhir")) {
            body.set("fhir", json.readTree(fhir.json(fhir.bundle(subscriber.partnership(), entries))));
        }
        if (subscriber.formats().contains("csv")) {
            body.put("csv", ScorecardCsv.write(subscriber.partnership(), period.label(),
                    scorecard.catalogue().disclosureRule(), true, entries));
        }
        return json.writeValueAsString(body);
    }
}
