package org.safeguarding.hub.mash;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.safeguarding.hub.support.TestTokens;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When a contact's clock starts (issue 11), over HTTP: a referrer's system posts referral forms with
 * its partner token, stating an earlier {@code receivedAt} or not, and the MASH API shows when the
 * contact was received. The shipped clocks.yml allows a stated receipt up to 7 days (P7D) before
 * submission. The hub runs on the real clock, so times are relative to now.
 */
@MashHub
class StatedReceiptTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String HEALTH = TestTokens.partnerSystem("wye-valley-nhs-trust-feed");
    private static final String LEAD = TestTokens.staff("alice", "mash-lead", "herefordshire");

    @LocalServerPort
    int port;

    private Http http;

    @BeforeEach
    void setUp() {
        http = new Http(port);
    }

    /** The receipt's outcome for the form's one record. */
    private JsonNode postForm(Instant receivedAt) {
        String stated = receivedAt == null ? "" : "\"receivedAt\": \"" + receivedAt + "\", ";
        HttpResponse<String> response = http.post("/api/v1/intake/marf", HEALTH, """
                {%s"formId": "F-%s", "referrer": {"name": "Health visitor Sam Reed"},
                 "child": {"givenName": "Noor", "familyName": "Stated", "dateOfBirth": "2019-03-03", "postcode": "HR2 7AA"},
                 "concerns": "Mother phoned in bruising on the baby's arm; form typed up afterwards.",
                 "levelOfNeed": 3, "consent": {"status": "given"}}""".formatted(stated, UUID.randomUUID()));
        assertThat(response.statusCode()).as(response.body()).isIn(200, 201, 422);
        return JSON.readTree(response.body()).get("outcomes").get(0);
    }

    private Instant receivedAtShownToTheMash(JsonNode outcome) {
        assertThat(outcome.get("outcome").asString()).as(outcome.toString()).isEqualTo("accepted");
        HttpResponse<String> view = http.get("/api/v1/mash/herefordshire/contacts/" + outcome.get("recordId").asString(), LEAD);
        assertThat(view.statusCode()).as(view.body()).isEqualTo(200);
        return Instant.parse(JSON.readTree(view.body()).get("contact").get("receivedAt").asString());
    }

    @Test
    void aPhoneReferralTypedUpTwoHoursLaterStartsItsClockWhenThePhoneCallCameIn() {
        Instant phoned = Instant.now().minus(Duration.ofHours(2)).truncatedTo(ChronoUnit.SECONDS);
        assertThat(receivedAtShownToTheMash(postForm(phoned))).isEqualTo(phoned);
    }

    @Test
    void withoutAStatedTimeTheClockStartsAtSubmission() {
        Instant before = Instant.now();
        Instant received = receivedAtShownToTheMash(postForm(null));
        assertThat(received).isBetween(before.minusSeconds(1), Instant.now());
    }

    @Test
    void aStatedTimeInTheFutureIsRejectedNamingReceivedAt() {
        // An hour ahead: beyond the 5 minutes' clock skew allowed.
        JsonNode outcome = postForm(Instant.now().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS));
        assertThat(outcome.get("outcome").asString()).isEqualTo("rejected");
        assertThat(outcome.get("field").asString()).isEqualTo("/receivedAt");
    }

    @Test
    void aStatedTimeMoreThanSevenDaysBeforeSubmissionIsRejectedNamingReceivedAtAndTheLimit() {
        JsonNode outcome = postForm(Instant.now().minus(Duration.ofDays(8)).truncatedTo(ChronoUnit.SECONDS));
        assertThat(outcome.get("outcome").asString()).isEqualTo("rejected");
        assertThat(outcome.get("field").asString()).isEqualTo("/receivedAt");
        assertThat(outcome.get("reason").asString()).contains("more than 7 days")
                .contains("stated-received-at-within");
        // Six days and 23 hours before is within the limit: accepted, the clock starts then.
        Instant withinAWeek = Instant.now().minus(Duration.ofDays(7).minusHours(1)).truncatedTo(ChronoUnit.SECONDS);
        assertThat(receivedAtShownToTheMash(postForm(withinAWeek))).isEqualTo(withinAWeek);
    }
}
