package org.safeguarding.hub.health;

import org.safeguarding.hub.intake.IntakeCheckpoints;
import org.safeguarding.hub.intake.IntakeService;
import org.safeguarding.hub.intake.MalformedMessage;
import org.safeguarding.hub.intake.Receipt;
import org.safeguarding.hub.partner.Feed;
import org.safeguarding.hub.web.HubProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Pulls new records from a health partner's FHIR server: a search for resources changed since the
 * checkpoint ({@code _lastUpdated=gt<checkpoint>}, subjects included), stored through the normal
 * intake, then the checkpoint moves to the newest {@code meta.lastUpdated} taken. The checkpoint is
 * in the database and only moves after the message is committed; if the hub stops in between, the
 * next poll fetches the same bundle, which intake recognises as already stored (same content).
 * When the partner is down nothing moves and the next poll retries from the same checkpoint.
 */
public class HealthPull {

    /** What one poll did. */
    public record Result(String status, Instant checkpoint, int records) {
    }

    static final Instant BEGINNING = Instant.parse("1990-01-01T00:00:00Z");
    private static final Logger log = LoggerFactory.getLogger(HealthPull.class);

    private final String source;
    private final String baseUrl;
    private final String resource;
    private final String agencyId;
    private final IntakeCheckpoints checkpoints;
    private final IntakeService intake;
    private final HealthBundleFeed feed;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    public HealthPull(String source, String baseUrl, String resource, String agencyId, IntakeCheckpoints checkpoints,
                      IntakeService intake, HealthBundleFeed feed, Clock clock) {
        this.source = source;
        this.baseUrl = baseUrl.replaceAll("/+$", "");
        this.resource = resource;
        this.agencyId = agencyId;
        this.checkpoints = checkpoints;
        this.intake = intake;
        this.feed = feed;
        this.clock = clock;
    }

    public Result poll() {
        Instant checkpoint = checkpoint();
        URI uri = URI.create(baseUrl + "/" + resource + "?_lastUpdated=gt" + checkpoint + "&_include=" + resource
                + ":subject&_sort=_lastUpdated&_count=1000");
        byte[] body;
        try {
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                    .header("Accept", "application/fhir+json").GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                log.warn("Health pull {}: {} answered {}; will retry from checkpoint {}", source, uri, response.statusCode(),
                        checkpoint);
                return new Result("partner-unavailable", checkpoint, 0);
            }
            body = response.body();
        } catch (IOException e) {
            log.warn("Health pull {}: {} unreachable ({}); will retry from checkpoint {}", source, uri, e.toString(), checkpoint);
            return new Result("partner-unavailable", checkpoint, 0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result("interrupted", checkpoint, 0);
        }
        Instant newest;
        Receipt receipt;
        try {
            newest = feed.newestLastUpdated(body, checkpoint);
            if (!newest.isAfter(checkpoint)) {
                return new Result("nothing-new", checkpoint, 0);
            }
            receipt = intake.submit(agencyId, "health-pull:" + source, Feed.HEALTH, null, "application/fhir+json", body);
        } catch (MalformedMessage | HubProblem refused) {
            // Only where: the parser's words may quote the bundle (a birthDate it cannot read), and
            // child-level content stays out of the log (issue 18).
            log.warn("Health pull {}: the bundle was refused as a whole at {}; nothing stored, will retry from checkpoint {}",
                    source, refused instanceof MalformedMessage m ? m.where() : where((HubProblem) refused), checkpoint);
            return new Result("refused", checkpoint, 0);
        }
        checkpoints.advance(source, agencyId, newest, clock.instant());
        log.info("Health pull {}: receipt {} with {} records; checkpoint {}", source, receipt.receiptId(), receipt.records(),
                newest);
        return new Result("stored", newest, receipt.records());
    }

    private static String where(HubProblem problem) {
        return problem.violations().isEmpty() ? problem.title() : problem.violations().get(0).field();
    }

    Instant checkpoint() {
        return checkpoints.last(source).orElse(BEGINNING);
    }
}
