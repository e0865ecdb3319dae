package org.safeguarding.hub.mash;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.safeguarding.hub.security.PageSession;
import org.safeguarding.hub.support.TestTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.context.WebApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.http.HttpResponse;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The MASH pages show what the MASH API shows, read by the same services (issue 16): a referral sent
 * over the MARF feed, rated red through the API, appears on the queue page and the contact page with
 * the API's rating and due time; the choices offered come from the hub's types; the feeds page counts
 * the message. Pages are opened with a signed-in page session ({@link PageSession}).
 */
@MashHub
class MashPagesTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String HEALTH = TestTokens.partnerSystem("wye-valley-nhs-trust-feed");
    private static final String LEAD = TestTokens.staff("alice", "mash-lead", "herefordshire");

    @LocalServerPort
    int port;
    @Autowired
    WebApplicationContext context;

    private Http http;

    @BeforeEach
    void setUp() {
        http = new Http(port);
    }

    @Test
    void theQueueAndContactPagesShowTheApisContactAndOfferTheTypesChoices() {
        String family = "Pages-" + UUID.randomUUID().toString().substring(0, 8);
        UUID contact = sendReferral(family);
        HttpResponse<String> rated = http.post("/api/v1/mash/herefordshire/contacts/" + contact + "/rag", LEAD,
                "{\"rating\": \"red\"}");
        assertThat(rated.statusCode()).as(rated.body()).isEqualTo(201);
        JsonNode view = json(http.get("/api/v1/mash/herefordshire/contacts/" + contact, LEAD));
        String due = view.get("dueAt").asString();

        // Red, due within 4 hours: in the queue's "due in 24 hours" view, as in the API's.
        String queue = page("/pages/mash?view=due&rag=red");
        JsonNode api = json(http.get("/api/v1/mash/herefordshire/queue?view=due&rag=red&size=1", LEAD));
        assertThat(text(queue, "<span id=\"queue-total\">([0-9]+)</span>")).isEqualTo(api.get("total").asString());
        assertThat(queue).contains("/pages/mash/contacts/" + contact + "?partnership=herefordshire\">Amira " + family + "</a>");
        // The filters offer the types' values: every queue view with its words, every RAG code.
        assertThat(queue).contains("<option value=\"all\">All open work</option>",
                "<option value=\"due\" selected=\"selected\">Due in 24 hours</option>",
                "<option value=\"awaiting-information\">Awaiting partner information</option>",
                "<option value=\"red\" selected=\"selected\">red</option>", "<option value=\"green\">green</option>");

        String screen = page("/pages/mash/contacts/" + contact);
        assertThat(screen).contains("Contact about <span>Amira " + family + "</span>",
                "<dt>RAG</dt><dd>red</dd>", "datetime=\"" + due + "\"", "Sent by the pages test.");
        // The decision form: levels 1 to 4 (004:L2701) and every outcome, in DecisionOutcome's order.
        assertThat(screen).contains("<option value=\"1\">1 Universal</option>",
                "<option value=\"4\">4 Specialist / child protection</option>");
        assertThat(screen.indexOf("value=\"no-further-action\"")).isPositive()
                .isLessThan(screen.indexOf("value=\"universal\""));
        assertThat(screen.indexOf("value=\"social-care-assessment\"")).isLessThan(screen.indexOf("value=\"strategy-discussion\""));
    }

    @Test
    void theFeedsPageCountsEachMessageTheFeedSent() {
        int before = records(page("/pages/feeds"));
        sendReferral("Feeds-" + UUID.randomUUID().toString().substring(0, 8));
        sendReferral("Feeds-" + UUID.randomUUID().toString().substring(0, 8));
        // Two messages of one record each: two more records on the trust's MARF line.
        assertThat(records(page("/pages/feeds"))).isEqualTo(before + 2);
    }

    /** The trust's MARF line's record count, 0 before it sends anything. */
    private static int records(String feeds) {
        Matcher line = Pattern.compile("<tr id=\"feed-wye-valley-nhs-trust-marf\">.*?<td class=\"num records\">([0-9]+)</td>",
                Pattern.DOTALL).matcher(feeds);
        return line.find() ? Integer.parseInt(line.group(1)) : 0;
    }

    private UUID sendReferral(String family) {
        HttpResponse<String> receipt = http.post("/api/v1/intake/marf", HEALTH, """
                {"formId": "WVT-PAGES-%s", "referrer": {"name": "Dr Ruth Lane"},
                 "child": {"givenName": "Amira", "familyName": "%s", "dateOfBirth": "2014-06-12", "postcode": "HR4 9AB"},
                 "concerns": "Sent by the pages test.", "levelOfNeed": 4, "consent": {"status": "given"}}"""
                .formatted(UUID.randomUUID(), family));
        assertThat(receipt.statusCode()).as(receipt.body()).isEqualTo(201);
        JsonNode outcome = json(receipt).get("outcomes").get(0);
        assertThat(outcome.get("outcome").asString()).as(receipt.body()).isEqualTo("accepted");
        return UUID.fromString(outcome.get("recordId").asString());
    }

    private String page(String path) {
        return PageSession.page(context, LEAD, path, "herefordshire");
    }

    private static String text(String html, String regex) {
        Matcher m = Pattern.compile(regex).matcher(html);
        assertThat(m.find()).as(regex).isTrue();
        return m.group(1);
    }

    private static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }
}
