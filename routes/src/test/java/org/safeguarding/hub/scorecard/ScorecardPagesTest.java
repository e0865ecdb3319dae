package org.safeguarding.hub.scorecard;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.safeguarding.hub.mash.ContactFixture;
import org.safeguarding.hub.mash.Http;
import org.safeguarding.hub.mash.MashHub;
import org.safeguarding.hub.security.PageSession;
import org.safeguarding.hub.support.TestTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.context.WebApplicationContext;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scorecard page (issue 14): team names from partners.yml ({@code teams}) in the team filter and the
 * drill-down, and publishing by the roles of {@code hub.scorecard.publishers} only (the shipped default:
 * MASH leads and hub admins; a board member, partnership-viewer, is refused on the page as on the API).
 * The enabled way (a partnership whose board publishes) is in {@code disclosure.ViewerAttackTest}.
 *
 * <p>Data: 2021-22 Q2 (July to September 2021, a quarter no other test of the shared context uses), ten
 * police contacts: nine from team {@code HAU-HEREFORD} (partners.yml: "Harm Assessment Unit,
 * Herefordshire") and one from {@code TEAM-NOBODY-NAMES}, which partners.yml does not name; the publishing
 * test adds five more of HAU-HEREFORD.
 */
@MashHub
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScorecardPagesTest {

    private static final String PERIOD = "2021-22-Q2";
    private static final String PAGE = "/pages/scorecard?period=" + PERIOD;
    /** A quarter whose measures' trends hold data in it alone (July to September 2023, no other test's). */
    private static final String FIRST_DATA = "2023-24-Q2";
    private static final String LEAD = TestTokens.staff("lena", "mash-lead", "herefordshire");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String VIEWER = TestTokens.staff("bea", "partnership-viewer", "herefordshire");

    @LocalServerPort
    int port;
    @Autowired
    WebApplicationContext context;
    @Autowired
    JdbcClient jdbc;

    private Http http;

    @BeforeAll
    void seedAndPublish() {
        http = new Http(port);
        for (int i = 0; i < 10; i++) {
            contact(i < 9 ? "HAU-HEREFORD" : "TEAM-NOBODY-NAMES", i);
        }
        var published = http.post("/api/v1/scorecard/herefordshire/" + PERIOD + "/publication", LEAD, "");
        assertThat(published.statusCode()).as(published.body()).isEqualTo(201);
        // FIRST_DATA: 20 police and 10 education contacts in its last quarter only, nothing in the seven before it.
        for (int i = 0; i < 30; i++) {
            contactAt(Instant.parse("2023-08-02T10:00:00Z").plusSeconds(3600L * i),
                    i < 20 ? "west-mercia-police" : "herefordshire-education", i < 20 ? "HAU-HEREFORD" : "EDUCATION-SAFEGUARDING");
        }
        var first = http.post("/api/v1/scorecard/herefordshire/" + FIRST_DATA + "/publication", LEAD, "");
        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
    }

    /**
     * Periods before the measure had any data are gaps with a reason, never zeros, in the JSON, the CSV and
     * the chart's text; the direction of travel is not worked out across them. 2023-24-Q2's trend runs from
     * 2021-22-Q3; its only data is the 30 contacts of 2023-24-Q2, so the seven quarters before
     * are before data. Conversion to referral (0 of 30 now, 0 of 0 before) has the same gaps.
     */
    @Test
    void periodsBeforeAnyDataAreGapsWithAReasonNotZerosInTheJsonTheCsvAndTheChart() {
        String reason = "no data: the hub held no records for this measure before 2023-24-Q2";
        JsonNode measures = JSON.readTree(http.get("/api/v1/scorecard/herefordshire/" + FIRST_DATA, VIEWER).body())
                .get("measures");
        JsonNode contacts = measure(measures, "contacts-received");
        JsonNode trend = contacts.get("trend");
        assertThat(trend.size()).isEqualTo(8);
        assertThat(trend.get(0).toString()).isEqualTo("{\"period\":\"2021-22-Q3\",\"numerator\":null,\"denominator\":null,"
                + "\"value\":null,\"noData\":\"" + reason + "\"}");
        assertThat(trend.get(6).get("noData").asString()).isEqualTo(reason);
        assertThat(trend.get(7).toString()).isEqualTo(
                "{\"period\":\"2023-24-Q2\",\"numerator\":\"30\",\"denominator\":null,\"value\":30,\"noData\":null}");
        assertThat(contacts.get("directionOfTravel").asString()).isEqualTo("not-known");
        JsonNode conversion = measure(measures, "contact-conversion-to-referral");
        assertThat(conversion.get("trend").get(0).get("noData").asString()).isEqualTo(reason);
        assertThat(conversion.get("trend").get(7).get("denominator").asString()).isEqualTo("30");

        // The CSV: empty counts and value, and the reason in no_data; the reported period's row has figures.
        var csv = ExcelCsv.read(http.get("/api/v1/scorecard/herefordshire/" + FIRST_DATA + "/csv", VIEWER).body());
        var rows = csv.stream().filter(r -> r.get("measure_id").equals("contacts-received")
                && r.get("dimension").equals("total")).toList();
        assertThat(rows).hasSize(8);
        assertThat(List.of(rows.get(0).get("period"), rows.get(0).get("numerator"), rows.get(0).get("value"),
                rows.get(0).get("no_data"))).containsExactly("2021-22-Q3", "", "", reason);
        assertThat(List.of(rows.get(7).get("numerator"), rows.get(7).get("value"), rows.get(7).get("no_data"),
                rows.get(7).get("direction_of_travel"))).containsExactly("30", "30", "", "NOT_KNOWN");

        // The page: the chart's text says "no data" for each gap, the values it plots are empty there.
        String page = PageSession.page(context, VIEWER, "/pages/scorecard?period=" + FIRST_DATA, "herefordshire");
        assertThat(page).contains("aria-label=\"Trend over 8 periods: 2021-22-Q3: no data; 2021-22-Q4: no data; "
                + "2022-23-Q1: no data; 2022-23-Q2: no data; 2022-23-Q3: no data; 2022-23-Q4: no data; "
                + "2023-24-Q1: no data; 2023-24-Q2: 30\"")
                .contains("data-values=\",,,,,,,30\"")
                .contains("not known: no data for the period before");
        assertThat(article(page, "contacts-received")).doesNotContain("2021-22-Q3: 0");
    }

    /**
     * The agency and team filters narrow the headline, not only the drill-down: value, counts, RAG and
     * drill-down are the chosen agency's (or team's) published cell. FIRST_DATA: police 20 of the 30
     * contacts, none decided, so "decided within 24 hours" is 0 of 20 = 0.0%, red against its 95% target;
     * the drill-down keeps the police line alone. A team whose cell disclosure control withholds (1 contact
     * of TEAM-NOBODY-NAMES in 2021-22-Q2) shows the symbol: a filter publishes nothing the drill-down withholds.
     */
    @Test
    void theAgencyAndTeamFiltersGiveTheHeadlineRagAndDrillDownOfThatCellUnderDisclosureControl() {
        String police = PageSession.page(context, VIEWER, "/pages/scorecard?period=" + FIRST_DATA
                + "&agency=west-mercia-police", "herefordshire");
        assertThat(police).contains("Figures for <strong>West Mercia Police</strong>");
        String received = article(police, "contacts-received");
        assertThat(received).contains("<dd class=\"value\"><span>20</span></dd>")
                .contains("Figures for West Mercia Police").doesNotContain("<canvas");
        String decided = article(police, "contacts-decided-within-24-hours");
        assertThat(decided).contains("<dd class=\"counts\">0 of 20</dd>").contains("<span>0.0%</span>")
                .contains("rag-red")
                .contains("<th scope=\"row\" class=\"govuk-table__header\">West Mercia Police</th>")
                .doesNotContain("Herefordshire schools and education safeguarding service</th>");
        // Unfiltered: the partnership's 30, and both agencies' lines.
        String all = PageSession.page(context, VIEWER, "/pages/scorecard?period=" + FIRST_DATA, "herefordshire");
        assertThat(article(all, "contacts-decided-within-24-hours")).contains("<dd class=\"counts\">0 of 30</dd>")
                .contains("Herefordshire schools and education safeguarding service</th>");
        // Owners by name from partners.yml (the partnership's agency of the owner kind), in the measure and the filter.
        assertThat(article(all, "missing-episodes")).contains("Owner: <span class=\"owner\">West Mercia Police</span>.");
        // The source in the reader's words from references.yml (as on the contact page); the seed citation only in
        // the tooltip and the footnote (issue 14).
        assertThat(article(all, "missing-episodes")).contains("Source: <span class=\"source-words\" "
                + "title=\"Seed citation 004:L1051\">Children and Young People Scrutiny Committee papers, 13 December 2022 "
                + "(with the partnership&#39;s annual report): line 1051</span>");
        assertThat(all).contains("<option value=\"police\">West Mercia Police</option>")
                .doesNotContain("Owner: <span class=\"owner\">police</span>");
        // The education agency's 10.
        assertThat(article(PageSession.page(context, VIEWER, "/pages/scorecard?period=" + FIRST_DATA
                + "&agency=herefordshire-education", "herefordshire"), "contacts-received"))
                .contains("<dd class=\"value\"><span>10</span></dd>");

        // A withheld team cell is withheld in the headline too.
        String nobody = article(PageSession.page(context, VIEWER, PAGE + "&team=TEAM-NOBODY-NAMES", "herefordshire"),
                "contacts-received");
        assertThat(nobody).contains("<dd class=\"value suppressed\">").contains(">c</abbr>")
                .contains("Figures for TEAM-NOBODY-NAMES");
    }

    /**
     * A refused commentary comes back with the text as typed and a message that says what to do: blank is
     * "Enter a commentary", over 10,000 characters says the limit and the length; commentary on a period that
     * is still open is refused (the figures are provisional), and nothing is added in any of these cases.
     */
    @Test
    void aRefusedCommentaryKeepsTheTypedTextAndSaysWhetherItWasBlankTooLongOrOnAnOpenPeriod() {
        String typed = "Police contacts rose. " + "x".repeat(9_990);   // 10,012 characters
        String tooLong = PageSession.submitAndFollow(context, LEAD, PAGE, "/pages/scorecard/commentary", "herefordshire",
                "period", PERIOD, "measure", "contacts-received", "text", typed);
        assertThat(tooLong).contains("Commentary must be 10,000 characters or fewer (this one has 10,012)")
                .contains(">" + typed + "</textarea>")
                .contains("aria-describedby=\"text-contacts-received-error\"");
        String blank = PageSession.submitAndFollow(context, LEAD, PAGE, "/pages/scorecard/commentary", "herefordshire",
                "period", PERIOD, "measure", "contacts-received", "text", "  ");
        assertThat(blank).contains("Enter a commentary").doesNotContain("characters or fewer");

        String open = Period.containing(PeriodType.QUARTER, LocalDate.now(ZoneId.of("Europe/London"))).label();
        String refused = PageSession.submitAndFollow(context, LEAD, PAGE, "/pages/scorecard/commentary", "herefordshire",
                "period", open, "measure", "contacts-received", "text", "Too early.");
        assertThat(refused).contains("Commentary can be added once the period has ended: " + open
                + " is still open and its figures are provisional");
        var api = http.post("/api/v1/scorecard/herefordshire/" + open + "/measures/contacts-received/commentary", LEAD,
                "{\"text\":\"Too early.\"}");
        assertThat(api.statusCode()).isEqualTo(400);
        assertThat(api.body()).contains("is still open").contains("\"field\":\"period\"");
        assertThat(http.get("/api/v1/scorecard/herefordshire/" + PERIOD, VIEWER).body()).doesNotContain("Police contacts rose.");
    }

    /**
     * A period published after it closed is final: no provisional tag, and the time its figures were published.
     * A closed period not yet published is offered and said to be provisional, with nothing shown as figures.
     */
    @Test
    void aClosedButUnpublishedPeriodIsProvisionalAndAPublishedOneSaysWhenItsDataIsFrom() {
        String published = PageSession.page(context, VIEWER, "/pages/scorecard?period=" + FIRST_DATA, "herefordshire");
        assertThat(published).contains("id=\"data-as-at\"", "(UK time), when these figures were published.")
                .doesNotContain("id=\"provisional\"");
        String unpublished = PageSession.page(context, VIEWER, "/pages/scorecard?period=2022-23-Q1", "herefordshire");
        assertThat(unpublished).contains("id=\"provisional\">Provisional</strong>",
                "<option value=\"2022-23-Q1\" selected=\"selected\">2022-23-Q1 (not published)</option>",
                "The scorecard for 2022-23-Q1 has not been published yet: its figures are provisional")
                .doesNotContain("<article class=\"measure\"");
    }

    private static String html(MockHttpServletResponse response) {
        try {
            return response.getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.UnsupportedEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The article of measure {@code id} on the page. */
    private static String article(String page, String id) {
        int start = page.indexOf("id=\"measure-" + id + "\"");
        assertThat(start).as("measure " + id).isPositive();
        return page.substring(start, page.indexOf("</article>", start));
    }

    private static JsonNode measure(JsonNode measures, String id) {
        for (JsonNode m : measures) {
            if (m.get("id").asString().equals(id)) {
                return m;
            }
        }
        throw new AssertionError("no measure " + id + " in " + measures);
    }

    @Test
    void theTeamFilterAndDrillDownShowTeamNamesFromPartnersYmlAndAnUnnamedTeamAsSent() {
        String page = PageSession.page(context, VIEWER, PAGE, "herefordshire");
        // The filter: the named team by its name, the unnamed one by its code (codes sorted: H before T).
        assertThat(page).contains("<option value=\"HAU-HEREFORD\">Harm Assessment Unit, Herefordshire</option>",
                "<option value=\"TEAM-NOBODY-NAMES\">TEAM-NOBODY-NAMES</option>");
        // The drill-down "By team" of contacts received: one line per team, by name.
        assertThat(page).contains("<th scope=\"row\" class=\"govuk-table__header\">Harm Assessment Unit, Herefordshire</th>",
                "<th scope=\"row\" class=\"govuk-table__header\">TEAM-NOBODY-NAMES</th>")
                .doesNotContain("<th scope=\"row\" class=\"govuk-table__header\">HAU-HEREFORD</th>");
        // Filtered to the team, it stays selected by its code.
        assertThat(PageSession.page(context, VIEWER, PAGE + "&team=HAU-HEREFORD", "herefordshire"))
                .contains("<option value=\"HAU-HEREFORD\" selected=\"selected\">Harm Assessment Unit, Herefordshire</option>");
    }

    @Test
    void byDefaultALeadPublishesOnThePageAndABoardMemberIsRefusedThereAsOnTheApi() {
        // The lead's page offers the publishing form; the board member's does not.
        assertThat(PageSession.page(context, LEAD, PAGE, "herefordshire")).contains("id=\"publish-period\"");
        assertThat(PageSession.page(context, VIEWER, PAGE, "herefordshire")).doesNotContain("id=\"publish-period\"");

        // Five late contacts: contacts received 10 -> 15 (shown "10" -> "15"), so any publication now is a new
        // version of that measure. A board member who posts the form anyway: the 403 page, and no new version.
        for (int i = 10; i < 15; i++) {
            contact("HAU-HEREFORD", i);
        }
        int before = version();
        MockHttpServletResponse refused = PageSession.submit(context, VIEWER, "/pages/scorecard", "/pages/scorecard/publication",
                "herefordshire", "period", PERIOD);
        assertThat(refused.getStatus()).isEqualTo(403);
        // The hub's refusal page, in the rule's words (not the generic error page).
        assertThat(html(refused)).contains("You cannot do this", "Your role does not allow this action (403), so nothing was changed",
                "publishing a period is for MASH leads and hub administrators</span>.")
                .doesNotContain("error-status").doesNotContain("mash-lead").doesNotContain("hub.scorecard");
        assertThat(version()).isEqualTo(before);
        assertThat(http.post("/api/v1/scorecard/herefordshire/" + PERIOD + "/publication", VIEWER, "").statusCode())
                .isEqualTo(403);
        assertThat(version()).isEqualTo(before);

        // The lead's form first asks to confirm (publishing cannot be undone), publishing nothing yet...
        MockHttpServletResponse asked = PageSession.submit(context, LEAD, "/pages/scorecard", "/pages/scorecard/publication",
                "herefordshire", "period", PERIOD);
        assertThat(asked.getStatus()).isEqualTo(200);
        assertThat(html(asked)).contains("Publish the scorecard for " + PERIOD + "?", "It cannot be undone",
                "published before: publishing it again makes a new version", "<input type=\"hidden\" name=\"confirm\" value=\"yes\">",
                "Yes, publish " + PERIOD);
        assertThat(version()).isEqualTo(before);
        // ... then, confirmed, publishes the period again (a new version) and returns to it.
        MockHttpServletResponse done = PageSession.submit(context, LEAD, "/pages/scorecard", "/pages/scorecard/publication",
                "herefordshire", "period", PERIOD, "confirm", "yes");
        assertThat(done.getStatus()).isEqualTo(302);
        assertThat(done.getRedirectedUrl()).isEqualTo("/pages/scorecard?partnership=herefordshire&period=" + PERIOD);
        assertThat(version()).isEqualTo(before + 1);
    }

    /** Police contact number {@code n} of the quarter (one an hour from 2 August 2021 10:00 UTC) from {@code team}. */
    private void contact(String team, int n) {
        contactAt(Instant.parse("2021-08-02T10:00:00Z").plusSeconds(3600L * n), "west-mercia-police", team);
    }

    /** A contact from {@code agency}'s {@code team} received at {@code at}. */
    private void contactAt(Instant at, String agency, String team) {
        ContactFixture fixture = new ContactFixture(jdbc);
        UUID child = fixture.child("herefordshire", agency);
        fixture.contact("herefordshire", child, agency, at, team, "PAGES-" + UUID.randomUUID());
    }

    /** The version of contacts received in the period's latest publication, as a board member reads it through the API. */
    private int version() {
        var read = http.get("/api/v1/scorecard/herefordshire/" + PERIOD, VIEWER);
        assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
        for (JsonNode m : JSON.readTree(read.body()).get("measures")) {
            if (m.get("id").asString().equals("contacts-received")) {
                return m.get("version").asInt();
            }
        }
        throw new AssertionError("no contacts-received in " + read.body());
    }
}
