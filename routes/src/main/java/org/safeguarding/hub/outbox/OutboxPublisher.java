package org.safeguarding.hub.outbox;

import org.safeguarding.hub.partner.Agency;
import org.safeguarding.hub.partner.PartnerRegistry;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Delivers outbox messages to each agency's {@code notices-endpoint} (partners.yml) as a JSON POST
 * with an {@code Idempotency-Key} header, so a receiver that gets a message twice (a retry after a
 * lost response, a replay) can drop the repeat. A 2xx is delivered; anything else is retried with
 * exponential backoff and dead-lettered when the attempts run out. Agencies without an endpoint
 * fetch their notices from {@code /api/v1/notices}. A message for one school (Operation Encompass)
 * goes to that school's {@code notices-endpoint} in schools.yml; a school without one fetches it from
 * {@code /api/v1/schools/notices}.
 */
@Component
public class OutboxPublisher {

    private final OutboxDeliveries deliveries;
    private final PartnerRegistry registry;
    private final SchoolEndpoints schools;
    private final RetryPolicy retry;
    private final int batchSize;
    private final Duration timeout;
    private final HttpClient http;

    OutboxPublisher(OutboxDeliveries deliveries, PartnerRegistry registry, SchoolEndpoints schools,
                    OutboxProperties settings) {
        this.deliveries = deliveries;
        this.registry = registry;
        this.schools = schools;
        this.retry = settings.retry().policy();
        this.batchSize = settings.batchSize();
        this.timeout = settings.timeout();
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /** Claims the due messages; the lease covers a whole batch of deliveries timing out. */
    public List<PendingMessage> claimDue() {
        return deliveries.claimDue(batchSize, timeout.multipliedBy(batchSize + 1L));
    }

    /** Delivers one claimed message and records the outcome. */
    public void deliver(PendingMessage message) {
        Optional<String> endpoint = (message.destinationSchoolUrn() == null
                ? registry.agency(message.destinationAgencyId()).map(Agency::noticesEndpoint)
                : schools.endpointOf(message.destinationSchoolUrn()))
                .filter(e -> !e.isBlank());
        if (endpoint.isEmpty()) {
            deliveries.forFetching(message.id());
            return;
        }
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(endpoint.get()))
                    .timeout(timeout)
                    .header("Content-Type", "application/json")
                    .header("Idempotency-Key", message.idempotencyKey())
                    .header("X-Hub-Message-Type", message.messageType())
                    .POST(HttpRequest.BodyPublishers.ofString(message.payloadJson())).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 == 2) {
                deliveries.delivered(message.id());
            } else {
                deliveries.failed(message, "HTTP " + response.statusCode(), retry);
            }
        } catch (IOException e) {
            deliveries.failed(message, e.getClass().getSimpleName() + ": " + e.getMessage(), retry);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            deliveries.failed(message, "interrupted", retry);
        }
    }
}
