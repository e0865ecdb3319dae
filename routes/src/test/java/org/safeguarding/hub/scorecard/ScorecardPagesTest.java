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
        assertThat(version()).isEqualTo(before);
        assertThat(http.post("/api/v1/scorecard/herefordshire/" + PERIOD + "/publication", VIEWER, "").statusCode())
                .isEqualTo(403);
        assertThat(version()).isEqualTo(before);

        // The lead's form publishes the period again (a new version) and returns to it.
        MockHttpServletResponse done = PageSession.submit(context, LEAD, "/pages/scorecard", "/pages/scorecard/publication",
                "herefordshire", "period", PERIOD);
        assertThat(done.getStatus()).isEqualTo(302);
        assertThat(done.getRedirectedUrl()).isEqualTo("/pages/scorecard?partnership=herefordshire&period=" + PERIOD);
        assertThat(version()).isEqualTo(before + 1);
    }

    /** Police contact number {@code n} of the quarter (one an hour from 2 August 2021 10:00 UTC) from {@code team}. */
    private void contact(String team, int n) {
        ContactFixture fixture = new ContactFixture(jdbc);
        UUID child = fixture.child("herefordshire", "west-mercia-police");
        fixture.contact("herefordshire", child, "west-mercia-police", Instant.parse("2021-08-02T10:00:00Z").plusSeconds(3600L * n),
                team, "PAGES-" + UUID.randomUUID());
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
