package org.safeguarding.hub.mash;

import jakarta.servlet.Filter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.safeguarding.hub.partner.PartnerRegistry;
import org.safeguarding.hub.security.PageSession;
import org.safeguarding.hub.support.TestTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

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
    private static final String LEAD = TestTokens.staff("alice", "Alice Adams", "mash-lead", "herefordshire");

    @LocalServerPort
    int port;
    @Autowired
    WebApplicationContext context;
    @Autowired
    JwtDecoder decoder;
    @Autowired
    PartnerRegistry registry;

    private Http http;
    private org.springframework.mock.web.MockHttpSession session;
    private String csrf = "";
    private Map<String, Object> flash = Map.of();

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
                "id=\"rag-value\">red</dd>", "datetime=\"" + due + "\"", "Sent by the pages test.");
        // The decision form: levels 1 to 4 (004:L2701) in plain words, and every outcome in DecisionOutcome's order,
        // with nothing preselected (issue 14).
        assertThat(screen).contains("Level 1: universal", "Level 4: acute or statutory (child in need or child protection)",
                "No further action", "Assessment by children&#39;s social care");
        assertThat(screen.indexOf("value=\"no-further-action\"")).isPositive()
                .isLessThan(screen.indexOf("value=\"universal\""));
        assertThat(screen.indexOf("value=\"social-care-assessment\"")).isLessThan(screen.indexOf("value=\"strategy-discussion\""));
        assertThat(screen).doesNotContain("checked");
        // The step change's source as a reference a reader understands, the seed citation only in its tooltip (issue 14).
        assertThat(screen).contains("<cite class=\"hub-reference\" id=\"step-source\" title=\"Source citation 004:L2019\">"
                + "Children and Young People Scrutiny Committee papers, 13 December 2022 (with the partnership&#39;s annual report): "
                + "Right Help, Right Time: stepping down without telling partners led to confusion</cite>")
                .doesNotContain("(004:L");
    }

    @Test
    void theDecisionFormRefusesMissingChoicesAndRecordsNoFurtherActionOnlyOnceConfirmed() {
        UUID contact = sendReferral("Decide-" + UUID.randomUUID().toString().substring(0, 8));
        String decide = "/pages/mash/contacts/" + contact + "/decision";
        page("/pages/mash/contacts/" + contact);

        // Only a reason typed: nothing recorded; back to the contact page (post, redirect, get) with both choices
        // named in the error summary and at their fields, and the reason as typed.
        var missing = post(decide, "rationale", "Typed a reason only.");
        assertThat(missing.status()).isEqualTo(302);
        assertThat(page("/pages/mash/contacts/" + contact)).contains("govuk-error-summary",
                "<a href=\"#levelOfNeed\">Select the level of need</a>", "<a href=\"#outcome\">Select what happens next</a>",
                "id=\"levelOfNeed-error\"", "Typed a reason only.</textarea>");
        assertThat(decision(contact).isNull()).isTrue();

        // An outcome that needs level 4 at level 2: refused in words, with no seed citation (issue 14).
        post(decide, "levelOfNeed", "2", "outcome", "social-care-assessment", "rationale", "Needs assessment.");
        assertThat(page("/pages/mash/contacts/" + contact)).contains("<a href=\"#outcome\">Assessment by children&#39;s social care "
                + "needs level of need 4 (acute or statutory): choose level 4 or another outcome</a>").doesNotContain("004:L1785");
        assertThat(decision(contact).isNull()).isTrue();

        // No further action at level 1, below the referrer's level 4: the confirmation step, still nothing recorded.
        String confirmStep = decide + "/confirm";
        var unconfirmed = post(decide, "levelOfNeed", "1", "outcome", "no-further-action", "rationale", "Already known.");
        assertThat(unconfirmed.status()).isEqualTo(302);
        assertThat(unconfirmed.location()).isEqualTo(confirmStep + "?partnership=herefordshire");
        assertThat(page(confirmStep)).contains("Check the decision before you record it",
                "No further action closes the contact", "Level 1 is below level 4, the level the referrer gave.");
        assertThat(decision(contact).isNull()).isTrue();
        // The confirmation page sent without its box ticked: refused at the box.
        var unticked = post(decide, "levelOfNeed", "1", "outcome", "no-further-action", "rationale", "Already known.",
                "step", "confirm");
        assertThat(unticked.location()).isEqualTo(confirmStep + "?partnership=herefordshire");
        assertThat(page(confirmStep)).contains("<a href=\"#confirmed\">Tick the box to confirm the decision");
        assertThat(decision(contact).isNull()).isTrue();

        var confirmed = post(decide, "levelOfNeed", "1", "outcome", "no-further-action", "rationale", "Already known.",
                "step", "confirm", "confirmed", "yes");
        assertThat(confirmed.status()).isEqualTo(302);
        assertThat(confirmed.location()).isEqualTo("/pages/mash/contacts/" + contact + "?partnership=herefordshire");
        JsonNode recorded = decision(contact);
        assertThat(recorded.get("outcome").asString()).isEqualTo("no-further-action");
        assertThat(recorded.get("levelOfNeed").asInt()).isEqualTo(1);
        assertThat(recorded.get("decidedBy").asString()).isEqualTo("alice");
        assertThat(page("/pages/mash/contacts/" + contact)).contains("Decision recorded");

        // Back: the confirmation step, opened again without its form, is the contact page (nothing to re-send) ...
        assertThat(open(confirmStep).getRedirectedUrl()).isEqualTo("/pages/mash/contacts/" + contact + "?partnership=herefordshire");
        // ... and the confirmed form sent again (a cached page, a second tab) records nothing and says so in staff words.
        var again = post(decide, "levelOfNeed", "3", "outcome", "early-help", "rationale", "Second tab.",
                "step", "confirm", "confirmed", "yes");
        assertThat(again.status()).isEqualTo(302);
        assertThat(page("/pages/mash/contacts/" + contact))
                .contains("<a href=\"#decision\">This contact already has a decision (shown below), so yours was not recorded.")
                .doesNotContain("replacesDecisionId", "already has decision ");
        assertThat(decision(contact).get("outcome").asString()).isEqualTo("no-further-action");
        assertThat(decision(contact).get("rationale").asString()).isEqualTo("Already known.");
    }

    @Test
    void theContactPagesActionsGoThroughTheApisServicesAndRefusalsComeBackAtTheField() {
        UUID contact = sendReferral("Acts-" + UUID.randomUUID().toString().substring(0, 8));
        String base = "/pages/mash/contacts/" + contact;
        page(base);

        assertThat(post(base + "/rag").status()).isEqualTo(302);
        assertThat(page(base)).contains("<a href=\"#rating\">Select red, amber or green</a>", "id=\"rating-error\"");
        assertThat(post(base + "/rag", "rating", "green").status()).isEqualTo(302);
        assertThat(json(http.get("/api/v1/mash/herefordshire/contacts/" + contact, LEAD)).get("rag").asString())
                .isEqualTo("green");

        assertThat(post(base + "/information-requests", "agency", "west-mercia-police").status()).isEqualTo(302);
        assertThat(awaiting(contact)).isTrue();
        Matcher received = Pattern.compile("information-requests/([0-9a-f-]{36})/received").matcher(page(base));
        assertThat(received.find()).isTrue();
        assertThat(post(base + "/information-requests/" + received.group(1) + "/received").status()).isEqualTo(302);
        assertThat(awaiting(contact)).isFalse();

        // A step down without its services: the service's refusal, at the field, in words.
        post(base + "/step-changes", "direction", "step-down", "reason", "Needs met by early help.");
        assertThat(page(base)).contains("<a href=\"#fromService\">From service is required</a>",
                "<a href=\"#toService\">To service is required</a>");
        // Nothing filled in: every missing field at once (issue 14: one at a time), in the error summary, which takes
        // the focus (govuk-frontend, or autofocus without script), and the title starts "Error: ".
        post(base + "/step-changes");
        String errors = page(base);
        assertThat(errors).contains("<title>Error: Contact - Safeguarding partnership hub</title>",
                "class=\"govuk-error-summary\" data-module=\"govuk-error-summary\"\n     tabindex=\"-1\" autofocus>",
                "<a href=\"#direction\">Select step up or step down</a>", "<a href=\"#fromService\">From service is required</a>",
                "<a href=\"#toService\">To service is required</a>", "<a href=\"#reason\">Reason is required</a>");
        assertThat(page(base)).contains("<title>Contact - Safeguarding partnership hub</title>").doesNotContain("govuk-error-summary");
        post(base + "/step-changes", "direction", "step-down", "fromService", "Children's social care",
                "toService", "Early help", "reason", "Needs met by early help.");
        assertThat(page(base)).contains("Step down recorded; the agencies involved are told.");
    }

    @Test
    void aFormSentAfterTheSignInEndedRecordsNothingSaysSoAndBringsTheUserBackToTheForm() throws Exception {
        // Outside tester (issue 14): a RAG rating sent from a page whose session had expired was lost silently.
        UUID contact = sendReferral("Expired-" + UUID.randomUUID().toString().substring(0, 8));
        String form = "/pages/mash/contacts/" + contact + "?partnership=herefordshire";
        var browser = new org.springframework.mock.web.MockHttpSession(); // the old session is gone: a new, empty one
        var sent = mvc().perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                        .post("/pages/mash/contacts/" + contact + "/rag").param("partnership", "herefordshire")
                        .param("rating", "red").param("_csrf", "token-of-the-ended-session")
                        .header("Referer", "http://localhost" + form).accept("text/html,application/xhtml+xml").session(browser))
                .andReturn().getResponse();
        // Sent to sign in again, not to the refusal page; nothing recorded.
        assertThat(sent.getStatus()).isEqualTo(302);
        assertThat(sent.getRedirectedUrl()).isEqualTo("/oauth2/authorization/hub-web");
        assertThat(json(http.get("/api/v1/mash/herefordshire/contacts/" + contact, LEAD)).get("rag").isNull()).isTrue();

        // Signed in (the same browser session), the hub's landing address brings the user back to the form's page,
        // which says, once, that nothing was recorded.
        PageSession.signIn(browser, decoder, registry, LEAD);
        var landing = mvc().perform(get("/").accept("text/html").session(browser)).andReturn().getResponse();
        assertThat(landing.getRedirectedUrl()).isEqualTo(form);
        String back = mvc().perform(get(form).accept("text/html").session(browser)).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(back).contains("id=\"notice\">" + org.safeguarding.hub.security.SignedOutForms.NOTICE_TEXT,
                "class=\"rate\"");
        assertThat(mvc().perform(get(form).accept("text/html").session(browser)).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8)).doesNotContain("id=\"notice\"");
        assertThat(mvc().perform(get("/").session(browser)).andReturn().getResponse().getRedirectedUrl())
                .isEqualTo("/pages/scorecard");
    }

    @Test
    void aStrategyDiscussionDatedBeforeItsContactIsRefusedAtTheFieldInLocalTimeAndRecordsNothing() {
        UUID contact = sendReferral("Early-" + UUID.randomUUID().toString().substring(0, 8));
        String base = "/pages/mash/contacts/" + contact;
        JsonNode view = json(http.get("/api/v1/mash/herefordshire/contacts/" + contact, LEAD));
        String child = view.get("contact").get("childId").asString();
        java.time.Instant received = java.time.Instant.parse(view.get("contact").get("receivedAt").asString());
        java.time.ZonedDateTime local = received.atZone(java.time.ZoneId.of("Europe/London"));
        page(base);
        String typed = local.minusDays(1).toLocalDateTime().withSecond(0).withNano(0).toString();
        var sent = post(base + "/strategy-discussions", "heldAt", typed,
                "attendance-west-mercia-police", "attended", "attendance-wye-valley-nhs-trust", "absent");
        assertThat(sent.status()).isEqualTo(302);
        String expected = "The discussion cannot be before the contact was received ("
                + java.time.format.DateTimeFormatter.ofPattern("EEE d MMM yyyy HH:mm", java.util.Locale.UK).format(local) + ")";
        String again = page(base);
        assertThat(again).contains("<a href=\"#heldAt\">" + expected + "</a>", "id=\"heldAt-error\"");
        // Outside tester (issue 14): the redisplayed form had lost the typed time and attendance.
        assertThat(again).containsPattern("id=\"heldAt\" name=\"heldAt\" value=\"" + typed + "\"")
                .containsPattern("name=\"attendance-west-mercia-police\">\\s*<option value=\"not-invited\">Not invited</option>"
                        + "\\s*<option value=\"attended\" selected=\"selected\">")
                .containsPattern("name=\"attendance-wye-valley-nhs-trust\">\\s*<option value=\"not-invited\">Not invited</option>"
                        + "\\s*<option value=\"attended\">Attended</option>\\s*<option value=\"absent\" selected=\"selected\">");
        assertThat(json(http.get("/api/v1/mash/herefordshire/children/" + child + "/strategy-discussions", LEAD)).size()).isZero();
        // Shown once: the contact page opened again is blank.
        assertThat(page(base)).doesNotContain("selected=\"selected\">Attended").contains("id=\"heldAt\" name=\"heldAt\" value=\"\" aria");
    }

    @Test
    void refusedStepChangeAndInformationRequestFormsComeBackAsTyped() {
        UUID contact = sendReferral("Typed-" + UUID.randomUUID().toString().substring(0, 8));
        String base = "/pages/mash/contacts/" + contact;
        page(base);
        // No reason: refused at the reason, the rest as typed.
        assertThat(post(base + "/step-changes", "direction", "step-down", "fromService", "child protection",
                "toService", "child in need", "reason", "").status()).isEqualTo(302);
        String again = page(base);
        assertThat(again).contains("id=\"reason-error\"", "id=\"direction-down\" name=\"direction\" value=\"step-down\" checked=\"checked\"",
                "id=\"fromService\" name=\"fromService\" value=\"child protection\"",
                "id=\"toService\" name=\"toService\" value=\"child in need\"")
                .doesNotContain("value=\"step-up\" checked");
        // A reason but no direction: the reason comes back in its box.
        post(base + "/step-changes", "fromService", "child protection", "toService", "child in need", "reason", "Plan <ended>");
        assertThat(page(base)).contains("id=\"direction-error\"", ">Plan &lt;ended&gt;</textarea>");
        // An agency the hub does not know (a stale form): refused at the field.
        post(base + "/information-requests", "agency", "nobody");
        assertThat(page(base)).contains("id=\"agency-error\"");
    }

    @Test
    void pagesShowDisplayNamesNotAccountsAndOfferNoMoveAtTheLastStage() {
        // Outside tester (issue 14): the history showed service-account-wye-valley-nhs-trust-feed, and a decision its
        // maker's account. A person is shown by their token's name; a partner system by its agency (partners.yml).
        UUID contact = sendReferral("Names-" + UUID.randomUUID().toString().substring(0, 8));
        String base = "/pages/mash/contacts/" + contact;
        page(base);
        post(base + "/decision", "levelOfNeed", "4", "outcome", "social-care-assessment", "rationale", "Needs assessment.");
        assertThat(page(base)).contains("id=\"decided-by\">Assessment by children&#39;s social care, "
                + "Level 4: acute or statutory (child in need or child protection), by Alice Adams</p>");
        assertThat(decision(contact).get("decidedBy").asString()).isEqualTo("alice"); // the record keeps the account

        HttpResponse<String> raised = http.post("/api/v1/escalations/disagreements", HEALTH,
                "{\"contactId\": \"%s\", \"summary\": \"We think level 3 is enough\"}".formatted(contact));
        assertThat(raised.statusCode()).as(raised.body()).isEqualTo(201);
        String id = json(raised).get("escalationId").asString();
        // The lead moves it on, on the page, from stage 1 to the last stage (4, the partnership: escalation.yml).
        for (int stage = 2; stage <= 4; stage++) {
            page("/pages/escalations");
            assertThat(post("/pages/escalations/" + id + "/escalate", "note", "No agreement").status()).isEqualTo(302);
            assertThat(json(http.get("/api/v1/escalations/" + id, LEAD)).get("stage").asInt()).isEqualTo(stage);
        }
        String page = page("/pages/escalations");
        String row = page.substring(page.indexOf("id=\"escalation-" + id + "\""));
        row = row.substring(0, row.indexOf("</li>"));
        assertThat(row).contains("<td class=\"govuk-table__cell who\">Wye Valley NHS Trust (partner system)</td>",
                        "<td class=\"govuk-table__cell who\">Alice Adams, Herefordshire Council", "class=\"role\">the partnership</span>",
                        "class=\"resolve\"", "Upheld: the MASH decision stands")
                .doesNotContain("service-account-", ">alice", "class=\"escalate\"", "Move to next stage", "Completed: the overdue");
        assertThat(page).doesNotContain("service-account-");
    }

    /** Whether the API's "awaiting partner information" view holds the contact. */
    private boolean awaiting(UUID contact) {
        return http.get("/api/v1/mash/herefordshire/queue?view=awaiting-information&size=200", LEAD).body()
                .contains(contact.toString());
    }

    /** The contact's decision as the API shows it (JSON null while undecided). */
    private JsonNode decision(UUID contact) {
        return json(http.get("/api/v1/mash/herefordshire/contacts/" + contact, LEAD)).get("decision");
    }

    @Test
    void theEscalationsFiltersSetEachLabelAboveItsBoxAsGovukFormGroups() {
        // The labels sat beside and below their boxes (docs/screenshots/escalations.png): each label and its
        // select now share a govuk-form-group, as on the scorecard and the queue, and the button has its own.
        String escalations = page("/pages/escalations");
        for (String field : new String[] {"status", "kind"}) {
            assertThat(escalations).containsPattern("<div class=\"govuk-form-group\">\\s*<label class=\"govuk-label\" for=\""
                    + field + "\">[A-Za-z]+</label>\\s*<select class=\"govuk-select\" id=\"" + field + "\"");
        }
        assertThat(escalations).containsPattern("<div class=\"govuk-form-group\"><button type=\"submit\"[^>]*>Show</button></div>");
    }

    @Test
    void theFeedsPageCountsEachMessageTheFeedSentIncludingThoseRefusedWhole() {
        String before = page("/pages/feeds");
        sendReferral("Feeds-" + UUID.randomUUID().toString().substring(0, 8));
        sendReferral("Feeds-" + UUID.randomUUID().toString().substring(0, 8));
        HttpResponse<String> malformed = http.post("/api/v1/intake/marf", HEALTH, "{\"formId\": ");
        assertThat(malformed.statusCode()).as(malformed.body()).isEqualTo(400);
        String after = page("/pages/feeds");
        // Two messages of one record each, and one refused whole (nothing stored): three more messages,
        // two more records, one more refused whole on the trust's MARF line.
        assertThat(cell(after, "records")).isEqualTo(cell(before, "records") + 2);
        assertThat(cell(after, "messages")).isEqualTo(cell(before, "messages") + 3);
        assertThat(cell(after, "refused")).isEqualTo(cell(before, "refused") + 1);
    }

    /** A figure of the trust's MARF line (the cell with that class), 0 before it sends anything. */
    private static int cell(String feeds, String figure) {
        Matcher line = Pattern.compile("id=\"feed-wye-valley-nhs-trust-marf\">.*?<td class=\"[^\"]*num " + figure
                + "\">([0-9]+)</td>", Pattern.DOTALL).matcher(feeds);
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
        try {
            // What the last form's redirect left for the next page (a browser gets it through its session).
            var request = get(path).param("partnership", "herefordshire").session(session());
            if (!flash.isEmpty()) {
                request.flashAttrs(flash);
            }
            var response = mvc().perform(request).andReturn().getResponse();
            flash = Map.of();
            assertThat(response.getStatus()).as(path).isEqualTo(200);
            String html = response.getContentAsString(StandardCharsets.UTF_8);
            Matcher token = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(html);
            csrf = token.find() ? token.group(1) : csrf;
            return html;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A page answer: its status, where it redirects (null when it does not) and its HTML. */
    record Answer(int status, String location, String body) {
    }

    /** A page opened in the signed-in session as it is (a redirect is not followed). */
    private org.springframework.mock.web.MockHttpServletResponse open(String path) {
        try {
            return mvc().perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get(path)
                    .param("partnership", "herefordshire").session(session())).andReturn().getResponse();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A form sent from the signed-in session, with the CSRF token its last page carried; fields as name, value pairs. */
    private Answer post(String path, String... fields) {
        try {
            var request = org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post(path)
                    .param("partnership", "herefordshire").param("_csrf", csrf).session(session());
            for (int i = 0; i < fields.length; i += 2) {
                request.param(fields[i], fields[i + 1]);
            }
            var result = mvc().perform(request).andReturn();
            flash = Map.copyOf(result.getFlashMap());
            var response = result.getResponse();
            return new Answer(response.getStatus(), response.getRedirectedUrl(), response.getContentAsString(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private MockMvc mvc() {
        return MockMvcBuilders.webAppContextSetup(context)
                .addFilters(context.getBean("springSecurityFilterChain", Filter.class)).build();
    }

    private org.springframework.mock.web.MockHttpSession session() {
        if (session == null) {
            session = PageSession.signedIn(decoder, registry, LEAD);
        }
        return session;
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
