package org.safeguarding.hub.mash;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.safeguarding.hub.escalation.SweepJob;
import org.safeguarding.hub.support.HubTestDatabase;
import org.safeguarding.hub.support.SettableClock;
import org.safeguarding.hub.support.TestTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.bean.override.convention.TestBean;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A red rating survives the referrer's correction everywhere (issue 11, docs/pathway.md "One contact
 * state"): queue, contact view, decision timeliness, sweep and scorecard. Driven only through the
 * MARF feed (a partner token), the MASH API, the sweep job and the scorecard API. The hub runs on
 * a {@link SettableClock} in place of its Clock so that four hours can pass; its own context and
 * database keep October 2026 to this test. On the same clock, the feeds page's quiet-feed warning
 * (issue 14), which needs a day to pass.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = {HubTestDatabase.class, MashHub.Settings.class})
class MashContactStateTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String HEALTH = TestTokens.partnerSystem("wye-valley-nhs-trust-feed");
    private static final String LEAD = TestTokens.staff("alice", "mash-lead", "herefordshire");
    // Tue 13 Oct 2026 09:00 UTC (10:00 BST), a working day; red is 4 calendar hours in any case.
    private static final Instant RECEIVED = Instant.parse("2026-10-13T09:00:00Z");
    private static final String RED_DUE = "2026-10-13T13:00:00Z";

    private static final SettableClock CLOCK = new SettableClock();

    @TestBean
    Clock clock;
    @LocalServerPort
    int port;
    @Autowired
    org.springframework.web.context.WebApplicationContext context;
    @Autowired
    SweepJob sweepJob;

    static Clock clock() {
        return CLOCK;
    }

    @AfterEach
    void realTimeAgain() {
        CLOCK.followRealTime();
    }

    @Test
    void aRedRatingSurvivesACorrectionEverywhere() {
        Http http = new Http(port);
        String formId = "WVT-MARF-" + UUID.randomUUID();
        // The published example's child (docs/feeds/marf.example.json); this context's database is its own.
        String child = """
                {"givenName": "Amira", "familyName": "Khan", "dateOfBirth": "2014-06-12", "sex": "female",
                 "postcode": "HR4 9AB", "nhsNumber": "9434765919"}""";

        // 09:00 the form arrives: the contact is received at 09:00.
        CLOCK.set(RECEIVED);
        UUID first = accepted(http.post("/api/v1/intake/marf", HEALTH, form(formId, child, "Bruising seen at school.")));
        // 09:30 the MASH rates it red: due 09:00 + 4 hours = 13:00.
        CLOCK.set(RECEIVED.plusSeconds(30 * 60));
        HttpResponse<String> rated = http.post("/api/v1/mash/herefordshire/contacts/" + first + "/rag", LEAD,
                "{\"rating\": \"red\"}");
        assertThat(rated.statusCode()).as(rated.body()).isEqualTo(201);
        assertThat(json(rated).get("dueAt").asString()).isEqualTo(RED_DUE);
        // 10:00 the referrer corrects its form (same formId, more concerns): a new version.
        CLOCK.set(RECEIVED.plusSeconds(60 * 60));
        UUID corrected = accepted(http.post("/api/v1/intake/marf", HEALTH,
                form(formId, child, "Bruising seen at school; the child says her stepfather hit her.")));
        assertThat(corrected).isNotEqualTo(first);

        // Queue (due within 24 hours of 10:00): the current version, red, due 13:00, received 09:00.
        JsonNode queue = json(http.get("/api/v1/mash/herefordshire/queue?view=due&within-hours=24&rag=red", LEAD));
        assertThat(queue.get("total").asInt()).isEqualTo(1);
        JsonNode item = queue.get("items").get(0);
        assertThat(item.get("contactId").asString()).isEqualTo(corrected.toString());
        assertThat(item.get("rag").asString()).isEqualTo("red");
        assertThat(item.get("dueAt").asString()).isEqualTo(RED_DUE);
        assertThat(item.get("receivedAt").asString()).isEqualTo(RECEIVED.toString());

        // Contact view, asked for by the first version's id: the same state.
        JsonNode view = json(http.get("/api/v1/mash/herefordshire/contacts/" + first, LEAD));
        assertThat(view.get("contact").get("id").asString()).isEqualTo(corrected.toString());
        assertThat(view.get("contact").get("receivedAt").asString()).isEqualTo(RECEIVED.toString());
        assertThat(view.get("rag").asString()).isEqualTo("red");
        assertThat(view.get("dueAt").asString()).isEqualTo(RED_DUE);

        // 14:00, undecided and an hour overdue: the sweep raises one escalation; running it again raises none.
        CLOCK.set(Instant.parse("2026-10-13T14:00:00Z"));
        sweepJob.runOnce();
        sweepJob.runOnce();
        Set<String> versions = Set.of(first.toString(), corrected.toString());
        List<JsonNode> raised = new ArrayList<>();
        json(http.get("/api/v1/mash/herefordshire/escalations?kind=timeliness", LEAD)).forEach(e -> {
            if ("contact".equals(e.get("subjectType").asString()) && versions.contains(e.get("subjectId").asString())) {
                raised.add(e);
            }
        });
        assertThat(raised).hasSize(1);
        // the summary gives the due time as staff read it: 13:00 UTC is 14:00 BST on Tue 13 Oct 2026
        assertThat(raised.get(0).get("summary").asString()).isEqualTo("threshold decision overdue since Tue 13 Oct 2026 14:00 (red)");

        // A decision made at 13:01 (after the 4 hours) is not timely: due 13:00, not 24 working hours on.
        HttpResponse<String> decided = http.post("/api/v1/mash/herefordshire/contacts/" + first + "/decision", LEAD, """
                {"levelOfNeed": 4, "outcome": "strategy-discussion", "rationale": "Disclosure of physical abuse",
                 "decidedAt": "2026-10-13T13:01:00Z"}""");
        assertThat(decided.statusCode()).as(decided.body()).isEqualTo(201);
        assertThat(json(decided).get("dueAt").asString()).isEqualTo(RED_DUE);
        assertThat(json(decided).get("timely").asBoolean()).isFalse();

        // Scorecard, October 2026, contacts decided within their RAG clock: red 0 of 1 (the one contact,
        // counted once although it has two versions, decided a minute late).
        JsonNode scorecard = json(http.get("/api/v1/scorecard/herefordshire/2026-10?view=unsuppressed", LEAD));
        JsonNode red = redCell(scorecard);
        assertThat(red.get("numerator").asString()).as(red.toString()).isEqualTo("0");
        assertThat(red.get("denominator").asString()).as(red.toString()).isEqualTo("1");
    }

    private static JsonNode redCell(JsonNode scorecard) {
        for (JsonNode measure : scorecard.get("measures")) {
            if (measure.get("id").asString().equals("contacts-decided-within-rag-clock")) {
                for (JsonNode cell : measure.get("breakdown")) {
                    if ("red".equals(cell.get("category").asString())) {
                        return cell;
                    }
                }
            }
        }
        throw new AssertionError("no red cell of contacts-decided-within-rag-clock in " + scorecard);
    }

    @Test
    void theFeedsPageWarnsOfAFeedThatHasSentNothingForADay() {
        Http http = new Http(port);
        // The trust's MARF feed sends at 09:00 on Thu 12 Nov 2026 (after the other test's October, so it is
        // this feed's last message whichever runs first); hub.web.quiet-feed-after is 24h (application.yml).
        Instant sent = Instant.parse("2026-11-12T09:00:00Z");
        CLOCK.set(sent);
        accepted(http.post("/api/v1/intake/marf", HEALTH, form("WVT-QUIET-" + UUID.randomUUID(), """
                {"givenName": "Nia", "familyName": "Quiet-Feed", "dateOfBirth": "2016-03-03", "postcode": "HR1 1AA"}""",
                "Sent to see the feed go quiet.")));
        // 23 h 59 min later: not quiet yet.
        CLOCK.set(sent.plus(java.time.Duration.ofHours(24)).minusSeconds(60));
        assertThat(org.safeguarding.hub.security.PageSession.page(context, LEAD, "/pages/feeds", "herefordshire"))
                .doesNotContain("id=\"quiet-feeds\"");
        // 24 h 1 min later: the warning names the trust's MARF feed, by the agency's configured name.
        CLOCK.set(sent.plus(java.time.Duration.ofHours(24)).plusSeconds(60));
        String feeds = org.safeguarding.hub.security.PageSession.page(context, LEAD, "/pages/feeds", "herefordshire");
        assertThat(feeds).contains("id=\"quiet-feeds\"", "1 feed has", "1 day", "Wye Valley NHS Trust marf.");
    }

    @Test
    void aLeadSeesTimelinessEscalationsInLocalTimeAndWordsAndResolvesOneOnThePage() throws Exception {
        Http http = new Http(port);
        String lead = TestTokens.staff("local-demo-lead", "Lee Lead", "mash-lead", "herefordshire");
        // Tue 3 Nov 2026 (GMT): a referral decided at 09:30 to need a strategy discussion, none held.
        CLOCK.set(Instant.parse("2026-11-03T09:00:00Z"));
        UUID contact = accepted(http.post("/api/v1/intake/marf", HEALTH, form("WVT-LATE-" + UUID.randomUUID(), """
                {"givenName": "Ola", "familyName": "Late-Discussion", "dateOfBirth": "2015-05-05", "postcode": "HR2 7AA"}""",
                "Sent to see a strategy discussion go overdue.")));
        CLOCK.set(Instant.parse("2026-11-03T09:30:00Z"));
        HttpResponse<String> decided = http.post("/api/v1/mash/herefordshire/contacts/" + contact + "/decision", LEAD, """
                {"levelOfNeed": 4, "outcome": "strategy-discussion", "rationale": "Risk of significant harm",
                 "decidedAt": "2026-11-03T09:30:00Z"}""");
        assertThat(decided.statusCode()).as(decided.body()).isEqualTo(201);
        String decision = json(decided).get("decisionId").asString();
        // A week later the sweep raises a timeliness escalation about the decision.
        CLOCK.set(Instant.parse("2026-11-10T09:00:00Z"));
        sweepJob.runOnce();
        JsonNode escalation = null;
        for (JsonNode e : json(http.get("/api/v1/mash/herefordshire/escalations?kind=timeliness", LEAD))) {
            if (decision.equals(e.get("subjectId").asString())) {
                escalation = e;
            }
        }
        assertThat(escalation).isNotNull();
        String id = escalation.get("id").asString();
        // Outside tester (issue 14): the summary gave the due time in UTC ("since 2026-11-04T...Z"); it is local time.
        String summary = escalation.get("summary").asString();
        assertThat(summary).matches("strategy discussion overdue since (Mon|Tue|Wed|Thu|Fri) [0-9]{1,2} Nov 2026 [0-9]{2}:[0-9]{2}")
                .doesNotContain("Z");

        String page = org.safeguarding.hub.security.PageSession.page(context, lead, "/pages/escalations?kind=timeliness",
                "herefordshire");
        String row = page.substring(page.indexOf("id=\"escalation-" + id + "\""));
        row = row.substring(0, row.indexOf("</li>"));
        // Plain words, not ids; a lead may resolve it (with a timeliness escalation's outcomes), not move it on.
        assertThat(row).contains(summary, "class=\"role\">MASH lead</span>", "class=\"resolve\"",
                "<option value=\"completed\">Completed: the overdue work is done</option>")
                .doesNotContain("class=\"escalate\"", "mash-lead", "upheld");
        // A disagreement's outcome is refused for it (the API's rule, one place), naming the field, and changes nothing.
        HttpResponse<String> wrong = http.post("/api/v1/escalations/" + id + "/resolution", LEAD, "{\"outcome\": \"upheld\"}");
        assertThat(wrong.statusCode()).as(wrong.body()).isEqualTo(400);
        assertThat(json(wrong).get("violations").get(0).get("field").asString()).isEqualTo("outcome");
        var resolved = org.safeguarding.hub.security.PageSession.submit(context, lead, "/pages/escalations",
                "/pages/escalations/" + id + "/resolution", "herefordshire", "outcome", "completed", "note", "Held on 11 Nov");
        assertThat(resolved.getStatus()).isEqualTo(302);
        JsonNode after = json(http.get("/api/v1/escalations/" + id, LEAD));
        assertThat(after.get("status").asString()).isEqualTo("resolved");
        assertThat(after.get("outcome").asString()).isEqualTo("completed");
        String history = org.safeguarding.hub.security.PageSession.page(context, lead, "/pages/escalations?status=all",
                "herefordshire");
        String closed = history.substring(history.indexOf("id=\"escalation-" + id + "\""));
        closed = closed.substring(0, closed.indexOf("</li>"));
        // The history in words, by display name: the hub raised it; the lead (token name, with the agency) resolved it.
        assertThat(closed).contains("Outcome: Completed: the overdue work is done", "<td class=\"govuk-table__cell what\">Raised</td>",
                "<td class=\"govuk-table__cell what\">Resolved</td>", "The hub (timeliness check)", "Lee Lead, Herefordshire Council")
                .doesNotContain("local-demo-lead", "timeliness-sweep");
    }

    @Test
    void theFeedsPageFlagsAFeedThatNeverSentAndCountsARefusedMessageAsReceived() {
        Http http = new Http(port);
        // Fri 20 Nov 2026 10:00 UTC (GMT): the police send one malformed referral form, refused whole. (Later than the
        // quiet-feed test's November, so that test's feed stays its only quiet one whichever runs first.)
        CLOCK.set(Instant.parse("2026-11-20T10:00:00Z"));
        HttpResponse<String> malformed = http.post("/api/v1/intake/marf", TestTokens.partnerSystem("west-mercia-police-feed"),
                "{\"formId\": ");
        assertThat(malformed.statusCode()).as(malformed.body()).isEqualTo(400);
        String feeds = org.safeguarding.hub.security.PageSession.page(context, LEAD, "/pages/feeds", "herefordshire");
        String marf = feeds.substring(feeds.indexOf("id=\"feed-west-mercia-police-marf\""));
        marf = marf.substring(0, marf.indexOf("</tr>"));
        assertThat(marf).contains("datetime=\"2026-11-20T10:00:00Z\">Fri 20 Nov 2026 10:00</time>")
                .doesNotContain("never-sent");
        // The police's own feed is covered by their agreement but has never sent anything in this hub: flagged.
        String police = feeds.substring(feeds.indexOf("id=\"feed-west-mercia-police-police\""));
        police = police.substring(0, police.indexOf("</tr>"));
        assertThat(police).contains("Never sent", "<span>Never</span>");
        assertThat(feeds).contains("id=\"never-sent\"", "West Mercia Police police");
    }

    private static String form(String formId, String child, String concerns) {
        return """
                {"formId": "%s", "referrer": {"name": "Dr Ruth Lane"}, "child": %s, "concerns": "%s",
                 "levelOfNeed": 4, "consent": {"status": "given"}}""".formatted(formId, child, concerns);
    }

    private static UUID accepted(HttpResponse<String> receipt) {
        assertThat(receipt.statusCode()).as(receipt.body()).isEqualTo(201);
        JsonNode outcome = json(receipt).get("outcomes").get(0);
        assertThat(outcome.get("outcome").asString()).as(receipt.body()).isEqualTo("accepted");
        return UUID.fromString(outcome.get("recordId").asString());
    }

    private static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }
}
