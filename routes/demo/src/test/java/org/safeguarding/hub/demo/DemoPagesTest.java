package org.safeguarding.hub.demo;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.safeguarding.hub.database.TestPostgres;
import org.safeguarding.hub.security.KeycloakServer;
import org.safeguarding.hub.security.RealKeycloak;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.File;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo end to end at a small volume, then the pages in headless Chromium (Debian's chromium
 * and its chromedriver, never a downloaded driver), signing in through the REAL Keycloak login
 * page: one Keycloak (shared with the security tests) and one hub for the whole class.
 * Screenshots go to target/screenshots (copied to docs/screenshots for the README).
 */
@ExtendWith(RealKeycloak.class)
class DemoPagesTest {

    private static final long SEED = 7;
    // Small by default (~145 contacts); -Ddemo.scale=0.25 for fuller screenshots.
    private static final double SCALE = Double.parseDouble(System.getProperty("demo.scale", "0.05"));
    private static final Instant END = Instant.now().truncatedTo(ChronoUnit.MINUTES);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Path SCREENSHOTS = Path.of("target/screenshots");

    private static final java.util.Map<String, Token> TOKENS = new java.util.concurrent.ConcurrentHashMap<>();

    private static Demo.Running demo;
    private static SyntheticQuarter.Quarter quarter;

    @BeforeAll
    static void runTheDemo() {
        quarter = SyntheticQuarter.generate(SEED, SCALE, END);
        demo = Demo.run(KeycloakServer.shared().keycloak(), false, 0, SEED, SCALE, END, List.of(
                "--spring.datasource.url=" + TestPostgres.freshDatabaseUrl(),
                "--spring.datasource.username=" + TestPostgres.server().username(),
                "--spring.main.banner-mode=off"), new PrintStream(PrintStream.nullOutputStream()));
    }

    @AfterAll
    static void stop() {
        if (demo != null) {
            demo.close();
        }
    }

    @Test
    void theSummaryAddsUpToWhatTheGeneratorSent() {
        PartnerSimulator.Result pushed = demo.summary().pushed();
        int records = quarter.messages().stream().mapToInt(SyntheticQuarter.Message::records).sum();
        long goodForms = quarter.messages().stream().filter(m -> m.feed().equals("marf") && !m.hostile()).count();
        long hostileForms = quarter.messages().stream().filter(m -> m.feed().equals("marf") && m.hostile()).count();
        long decisionsDue = quarter.messages().stream().filter(m -> m.decision() != null)
                .filter(m -> m.at().plus(m.decision().after()).isBefore(END)).count();
        assertThat(pushed.messages()).isEqualTo(quarter.messages().size());
        assertThat(pushed.recordsIn()).isEqualTo(records);
        // Every well-formed referral form becomes a contact; every hostile one is refused.
        assertThat(pushed.contacts()).isEqualTo(goodForms);
        assertThat(pushed.rejected()).isGreaterThanOrEqualTo((int) hostileForms);
        assertThat(pushed.decided()).isEqualTo(decisionsDue);
        // Some decisions are planned 30-70 hours after the contact: never all in time.
        assertThat(pushed.decidedInTime()).isLessThan(pushed.decided());
        assertThat(demo.summary().linkedChildren()).isPositive();
        // Disputes the MASH lead resolved in the quarter are no longer open.
        assertThat(demo.summary().openEscalations()).isGreaterThanOrEqualTo(pushed.disputes() - pushed.resolved());
        // Contacts are RAG rated (the generator leaves ~5% unrated), and strategy discussions recorded.
        long planned = quarter.messages().stream().filter(m -> m.rating() != null && !m.hostile())
                .filter(m -> m.at().plus(m.rating().after()).isBefore(END)).count();
        assertThat(pushed.rated()).isEqualTo(planned).isGreaterThan(pushed.contacts() * 8 / 10);
        assertThat(pushed.discussions()).isPositive();
    }

    @Test
    void aLeadSeesTheScorecardQueueEscalationsAndFeedsWithTheHubsFigures() throws Exception {
        WebDriver browser = chromium();
        try {
            signIn(browser, "/pages/scorecard", "local-demo-lead", "LOCAL-DEMO-password-mash-lead");
            // Shown by the token's name (the realm's first and last name), not the account (security.DisplayNames).
            assertThat(browser.findElement(By.id("signed-in-user")).getText()).isEqualTo("Lee Lead");
            String period = browser.findElement(By.cssSelector("h1 .period")).getText();
            JsonNode api = api("/api/v1/scorecard/herefordshire/" + period, "local-demo-lead");
            JsonNode received = measure(api, "contacts-received");
            JsonNode last = received.get("trend").get(received.get("trend").size() - 1);
            assertThat(browser.findElement(By.cssSelector("#measure-contacts-received .value")).getText())
                    .isEqualTo(last.get("numerator").asString().equals("c") ? "c" : last.get("value").decimalValue()
                            .setScale(0, java.math.RoundingMode.HALF_UP).toPlainString());
            assertThat(browser.findElement(By.id("disclosure-rule")).getText()).contains(api.get("disclosureControl").asString());
            // Every measure shows a value, the suppression symbol (its rule above) or in words why there is none
            // (measures.yml empty-reason, the API's noValueReason): never a bare "not available".
            for (JsonNode m : api.get("measures")) {
                String shown = browser.findElement(By.cssSelector("#measure-" + m.get("id").asString() + " .value")).getText();
                assertThat(shown).as(m.get("id").asString()).isNotBlank().doesNotContain("not available").isNotEqualTo("no data");
                if (!m.get("noValueReason").isNull()) {
                    assertThat(shown).as(m.get("id").asString()).isEqualTo(m.get("noValueReason").asString());
                }
            }
            accessible(browser, "scorecard");
            shoot(browser, "scorecard");
            // At a phone's width (390 px) the scorecard fits: nothing scrolls sideways.
            browser.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
            browser.navigate().refresh();
            fitsWidth(browser, "the scorecard at 390 px");
            browser.findElements(By.cssSelector("details.govuk-details")).stream().limit(3).forEach(d -> d.findElement(By.tagName("summary")).click());
            fitsWidth(browser, "the scorecard at 390 px with drill-downs open");
            Files.copy(((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath(),
                    SCREENSHOTS.resolve("scorecard-390px.png"), StandardCopyOption.REPLACE_EXISTING);
            browser.manage().window().setSize(new org.openqa.selenium.Dimension(1366, 900));

            // The board's and leads' scorecard actions, on the page already open: commentary by the owner agency
            // (the lead's is social care's) and publishing a closed period.
            comment(browser, "Written on the page by the browser test.");
            org.openqa.selenium.support.ui.Select toPublish = new org.openqa.selenium.support.ui.Select(
                    browser.findElement(By.id("publish-period")));
            String publishing = toPublish.getOptions().get(1).getAttribute("value");
            toPublish.selectByValue(publishing);
            submit(browser, () -> browser.findElement(By.cssSelector("form.publish button")).click());
            // Publishing cannot be undone: a confirmation page first.
            assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Publish the scorecard for " + publishing + "?");
            submit(browser, () -> browser.findElement(By.id("confirm-publish")).click());
            assertThat(browser.findElement(By.cssSelector(".message")).getText()).contains("Published " + publishing + ".");
            assertThat(api("/api/v1/scorecard/herefordshire/" + publishing, "local-demo-lead").get("period").asString())
                    .isEqualTo(publishing);

            // A contact may fall overdue (or a held decision be applied) while the page loads: its count lies
            // between the API's before and after.
            int overdueBefore = api("/api/v1/mash/herefordshire/queue?view=overdue&size=1", "local-demo-lead").get("total").asInt();
            browser.get(demo.hubUrl() + "/pages/mash?view=overdue");
            int overdueAfter = api("/api/v1/mash/herefordshire/queue?view=overdue&size=1", "local-demo-lead").get("total").asInt();
            assertThat(Integer.parseInt(browser.findElement(By.id("overdue-count")).getText()))
                    .isBetween(Math.min(overdueBefore, overdueAfter), Math.max(overdueBefore, overdueAfter));
            assertThat(browser.findElement(By.id("queue-total")).getText()).isEqualTo(browser.findElement(By.id("overdue-count")).getText());
            browser.get(demo.hubUrl() + "/pages/mash");
            // Each row's rating as the API's queue has it, as a word, or "not rated". Which contacts are still open,
            // and whether rated yet, is the demo's chance; the test's own contact below shows a rating whatever it left.
            java.util.Map<String, String> apiRatings = new java.util.HashMap<>();
            api("/api/v1/mash/herefordshire/queue?view=all&size=200", "local-demo-lead").get("items").forEach(i -> apiRatings.put(
                    i.get("contactId").asString(), i.path("rag").isNull() || i.path("rag").isMissingNode() ? "not rated"
                            : i.get("rag").asString().toLowerCase(java.util.Locale.ROOT)));
            for (org.openqa.selenium.WebElement row : browser.findElements(By.cssSelector("table.queue tbody tr"))) {
                String href = row.findElement(By.tagName("a")).getAttribute("href");
                String id = href.substring(href.indexOf("/contacts/") + "/contacts/".length()).replaceAll("[?#].*", "");
                assertThat(row.findElement(By.cssSelector("td:nth-child(4)")).getText().toLowerCase(java.util.Locale.ROOT))
                        .as(id).isEqualTo(apiRatings.get(id));
            }
            accessible(browser, "MASH queue");
            shoot(browser, "mash-queue");
            // The contact whose child most agencies have told the hub about: its timeline names each of them.
            var busiest = demo.hub().getBean(org.springframework.jdbc.core.simple.JdbcClient.class).sql("""
                    SELECT c.id, count(DISTINCT i.source_agency_id) AS agencies FROM contact c
                    JOIN child_identifier i ON i.child_id = c.child_id
                    WHERE c.superseded_by IS NULL GROUP BY c.id ORDER BY 2 DESC, 1 LIMIT 1""")
                    .query((rs, n) -> List.of(rs.getString(1), rs.getString(2))).single();
            browser.get(demo.hubUrl() + "/pages/mash/contacts/" + busiest.get(0));
            List<String> agencies = browser.findElements(By.cssSelector("table.timeline tbody tr td:nth-child(2)")).stream()
                    .map(org.openqa.selenium.WebElement::getText).distinct().toList();
            assertThat(agencies).hasSizeGreaterThanOrEqualTo(Math.min(2, Integer.parseInt(busiest.get(1))));
            shoot(browser, "mash-contact");
            // A referral sent now by the police system: it appears in the queue with its countdown, and is decided on the page.
            HttpResponse<String> sent = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create(demo.hubUrl() + "/api/v1/intake/marf"))
                    .header("Authorization", "Bearer " + KeycloakServer.shared().partnerToken(SyntheticQuarter.POLICE))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("""
                            {"formId": "BROWSER-TEST-1", "referrer": {"name": "PC Test"}, "child": {"givenName": "Rhys",
                             "familyName": "Browser-Test", "dateOfBirth": "2015-05-05", "postcode": "HR1 2AB"},
                             "concerns": "Sent by the browser test.", "levelOfNeed": 2, "consent": {"status": "given"}}""")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(sent.statusCode()).as(sent.body()).isBetween(200, 202);
            String contactId = JSON.readTree(sent.body()).get("outcomes").get(0).get("recordId").asString();
            browser.get(demo.hubUrl() + "/pages/mash?agency=west-mercia-police");
            browser.findElement(By.linkText("Rhys Browser-Test")).click();
            assertThat(browser.getCurrentUrl()).contains(contactId);
            String contactPage = browser.getCurrentUrl();
            accessible(browser, "contact");
            // The contact page scrolled sideways at 1024-1280 px (outside tester, issue 14): no longer.
            for (int width : new int[] {1024, 1152, 1280}) {
                browser.manage().window().setSize(new org.openqa.selenium.Dimension(width, 900));
                fitsWidth(browser, "the contact page at " + width + " px");
            }
            browser.manage().window().setSize(new org.openqa.selenium.Dimension(1366, 900));

            // No further action at level 1 (below the referrer's level 2): the confirmation step, and unticked it refuses.
            browser.findElement(By.id("levelOfNeed")).click();
            browser.findElement(By.id("outcome")).click();
            browser.findElement(By.id("rationale")).sendKeys("Known to the school; no concerns shared.");
            submit(browser, () -> browser.findElement(By.cssSelector("form.decision button")).click());
            assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Check the decision before you record it");
            accessible(browser, "decision confirmation");
            submit(browser, () -> browser.findElement(By.cssSelector("form.confirm button")).click());
            assertThat(browser.findElement(By.cssSelector(".govuk-error-summary")).getText())
                    .contains("Tick the box to confirm the decision");
            accessible(browser, "decision confirmation with its error");
            shoot(browser, "decision-confirmation");
            assertThat(api("/api/v1/mash/herefordshire/contacts/" + contactId, "local-demo-lead").get("decision").isNull()).isTrue();

            // The staff actions on the contact page, each checked through the API.
            browser.get(contactPage);
            browser.findElement(By.id("rating-amber")).click();
            submit(browser, () -> browser.findElement(By.cssSelector("form.rate button")).click());
            assertThat(browser.findElement(By.cssSelector(".message")).getText()).contains("Rated amber");
            assertThat(api("/api/v1/mash/herefordshire/contacts/" + contactId, "local-demo-lead").get("rag").asString())
                    .isEqualTo("amber");
            // The queue shows the rating as a word, on the contact's own row.
            browser.get(demo.hubUrl() + "/pages/mash?agency=west-mercia-police&rag=amber");
            assertThat(browser.findElement(By.xpath("//table[contains(@class,'queue')]//tr[.//a[contains(@href,'" + contactId
                    + "')]]/td[3]")).getText().toLowerCase(java.util.Locale.ROOT)).isEqualTo("amber");
            browser.get(contactPage);
            new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("agency"))).selectByValue("wye-valley-nhs-trust");
            submit(browser, () -> browser.findElement(By.cssSelector("form.ask button")).click());
            assertThat(awaitingInformation(contactId)).isTrue();
            submit(browser, () -> browser.findElement(By.cssSelector("form.received button")).click());
            assertThat(browser.findElement(By.cssSelector(".message")).getText()).contains("received");
            assertThat(awaitingInformation(contactId)).isFalse();
            // A discussion dated before the contact was received (an hour before the demo's end; the contact came later)
            // is refused at its field (MashDesk's rule, issue 14); the next whole minute after its receipt is recorded.
            Instant contactReceived = Instant.parse(api("/api/v1/mash/herefordshire/contacts/" + contactId, "local-demo-lead")
                    .get("contact").get("receivedAt").asString());
            Instant held = contactReceived.truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(1));
            String attendee = null;
            for (Instant typed : new Instant[] {END.minus(Duration.ofHours(1)), held}) {
                ((org.openqa.selenium.JavascriptExecutor) browser).executeScript(
                        "document.getElementById('heldAt').value = arguments[0]", java.time.LocalDateTime.ofInstant(
                                typed, java.time.ZoneId.of("Europe/London")).toString().substring(0, 16));
                // The first agency's line (agencies by name): attended; the others left out as not invited.
                attendee = browser.findElement(By.id("attendance")).getAttribute("name").substring("attendance-".length());
                new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("attendance"))).selectByValue("attended");
                submit(browser, () -> browser.findElement(By.cssSelector("form.strategy button")).click());
                if (typed != held) {
                    assertThat(browser.findElement(By.id("heldAt-error")).getText())
                            .contains("The discussion cannot be before the contact was received");
                    assertThat(browser.getTitle()).startsWith("Error: ");
                }
            }
            assertThat(browser.findElement(By.cssSelector(".message")).getText()).contains("Strategy discussion recorded");
            stepChange(browser, "direction", "Early help", "Children's social care", "Risk has risen since the school's report.");
            assertThat(browser.findElement(By.cssSelector(".message")).getText()).contains("Step up recorded");
            String child = api("/api/v1/mash/herefordshire/contacts/" + contactId, "local-demo-lead").get("contact")
                    .get("childId").asString();
            JsonNode discussions = api("/api/v1/mash/herefordshire/children/" + child + "/strategy-discussions", "local-demo-lead");
            assertThat(discussions.size()).isEqualTo(1);
            assertThat(discussions.get(0).get("contactId").asString()).isEqualTo(contactId);
            // Typed as local time, the minute after the contact's receipt: that instant.
            assertThat(Instant.parse(discussions.get(0).get("heldAt").asString())).isEqualTo(held);
            assertThat(discussions.get(0).get("attendance").toString())
                    .isEqualTo("[{\"agencyId\":\"" + attendee + "\",\"attended\":true}]");
            JsonNode steps = api("/api/v1/mash/herefordshire/children/" + child + "/step-changes", "local-demo-lead");
            assertThat(steps.findValuesAsString("direction")).containsExactly("step-up");
            assertThat(steps.get(0).get("toService").asString()).isEqualTo("Children's social care");
            assertThat(steps.get(0).get("decidedBy").asString()).isEqualTo("local-demo-lead");

            // The decision, with the keyboard only: Tab to the first level, arrow to level 2, Tab to the outcomes,
            // arrow to early help, Tab to the reason, type it, Tab to the button, Enter.
            tabTo(browser, "levelOfNeed");
            keys(browser, org.openqa.selenium.Keys.ARROW_DOWN);
            tabTo(browser, "outcome");
            keys(browser, org.openqa.selenium.Keys.ARROW_DOWN, org.openqa.selenium.Keys.ARROW_DOWN);
            keys(browser, org.openqa.selenium.Keys.TAB);
            keys(browser, "Police and school information shows escalating risk.");
            submit(browser, () -> keys(browser, org.openqa.selenium.Keys.TAB, org.openqa.selenium.Keys.ENTER));
            assertThat(browser.findElement(By.cssSelector(".message")).getText()).contains("Decision recorded");
            assertThat(browser.findElement(By.id("decision")).getText()).contains("by Lee Lead", "Early help") // display name (token name), not the account
                    .doesNotContain("local-demo-lead");
            JsonNode decided = api("/api/v1/mash/herefordshire/contacts/" + contactId, "local-demo-lead").get("decision");
            assertThat(decided.get("outcome").asString()).isEqualTo("early-help");
            assertThat(decided.get("levelOfNeed").asInt()).isEqualTo(2);

            // The police disagree with that decision (through the partner API), so the lead has a professional
            // disagreement to act on whatever the demo left open: the demo's open escalations are its chance, and a
            // timeliness escalation offers the lead no action (the sweep moves and completes those).
            String disputed = disagree(contactId, "The police think the risk calls for a strategy discussion.");
            int openBefore = api("/api/v1/mash/herefordshire/escalations?status=open&limit=500", "local-demo-lead").size();
            browser.get(demo.hubUrl() + "/pages/escalations?status=open");
            int openAfter = api("/api/v1/mash/herefordshire/escalations?status=open&limit=500", "local-demo-lead").size();
            assertThat(Integer.parseInt(browser.findElement(By.id("escalation-total")).getText()))
                    .isBetween(Math.min(openBefore, openAfter), Math.max(openBefore, openAfter));
            // Sorted by due time; history by display name, never a Keycloak account name.
            List<String> due = browser.findElements(By.cssSelector("ul.escalations time.due")).stream()
                    .map(t -> t.getAttribute("datetime")).toList();
            assertThat(due).isSortedAccordingTo(java.util.Comparator.comparing(Instant::parse));
            assertThat(browser.findElement(By.tagName("main")).getAttribute("textContent")).doesNotContain("service-account-");
            // The lead resolves any open escalation (timeliness ones too); moving on only a professional disagreement
            // before its last stage (4, escalation.yml). Links to the child and contact on the test's own.
            assertThat((List<?>) ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("""
                    return Array.from(document.querySelectorAll('ul.escalations > li'))
                      .filter(li => li.querySelector('form.escalate') && li.querySelector('.kind').textContent !== 'Professional disagreement')
                      .map(li => li.id)""")).isEmpty();
            assertThat(browser.findElements(By.cssSelector("ul.escalations > li form.resolve")).size())
                    .isEqualTo(browser.findElements(By.cssSelector("ul.escalations > li:not(:has(.govuk-tag--grey))")).size());
            org.openqa.selenium.WebElement ours = browser.findElement(By.id("escalation-" + disputed));
            assertThat(ours.findElement(By.cssSelector("a.contact-link")).getAttribute("href")).contains(contactId);
            assertThat(ours.findElement(By.cssSelector("a.child-link")).getText()).isEqualTo("Child: Rhys Browser-Test");
            accessible(browser, "escalations");
            // ... nor the escalations page at 320 px (WCAG 1.4.10 reflow), histories open.
            browser.manage().window().setSize(new org.openqa.selenium.Dimension(320, 800));
            ((org.openqa.selenium.JavascriptExecutor) browser).executeScript(
                    "document.querySelectorAll('ul.escalations details').forEach(d => d.open = true)");
            fitsWidth(browser, "the escalations page at 320 px");
            browser.navigate().refresh();
            browser.manage().window().setSize(new org.openqa.selenium.Dimension(1366, 900));
            shoot(browser, "escalations");
            new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("outcome-" + disputed))).selectByValue("upheld");
            submit(browser, () -> browser.findElement(By.cssSelector("#escalation-" + disputed + " form.resolve button")).click());
            assertThat(browser.findElement(By.cssSelector(".message")).getText()).contains("Escalation resolved");
            JsonNode resolved = api("/api/v1/escalations/" + disputed, "local-demo-lead");
            assertThat(resolved.get("status").asString()).isEqualTo("resolved");
            assertThat(resolved.get("outcome").asString()).isEqualTo("upheld");
            // That one closed, the police may disagree again; the lead moves this one from stage 1 to stage 2.
            String again = disagree(contactId, "The police still disagree and ask for the next stage.");
            assertThat(api("/api/v1/escalations/" + again, "local-demo-lead").get("stage").asInt()).isEqualTo(1);
            browser.navigate().refresh();
            browser.findElement(By.id("note-" + again)).sendKeys("Taken to the next stage on the page.");
            submit(browser, () -> browser.findElement(By.cssSelector("#escalation-" + again + " form.escalate button")).click());
            assertThat(browser.findElement(By.cssSelector(".message")).getText()).contains("Escalation moved to stage 2");
            assertThat(api("/api/v1/escalations/" + again, "local-demo-lead").get("stage").asInt()).isEqualTo(2);
            aPractitionerActsOnTheContactButNotAsTheLead(contactId, child, again);

            browser.get(demo.hubUrl() + "/pages/accessibility");
            accessible(browser, "accessibility statement");

            browser.get(demo.hubUrl() + "/pages/feeds");
            int policeRecords = quarter.messages().stream().filter(m -> m.feed().equals("police")).mapToInt(SyntheticQuarter.Message::records).sum();
            assertThat(browser.findElement(By.cssSelector("#feed-west-mercia-police-police .records")).getText())
                    .isEqualTo(String.valueOf(policeRecords));
            int healthRecords = quarter.messages().stream().filter(m -> m.feed().equals("health")).mapToInt(SyntheticQuarter.Message::records).sum();
            assertThat(healthRecords).isPositive();
            assertThat(browser.findElement(By.cssSelector("#feed-wye-valley-nhs-trust-health .records")).getText())
                    .isEqualTo(String.valueOf(healthRecords));
            assertThat(browser.findElement(By.cssSelector("#feed-wye-valley-nhs-trust-health .rejected")).getText()).isEqualTo("0");
            // Every message the partners sent is counted, those refused whole too (the simulator's quarter and the
            // browser test's referral above).
            int messages = browser.findElements(By.cssSelector("table.feeds td.messages")).stream()
                    .mapToInt(c -> Integer.parseInt(c.getText())).sum();
            assertThat(messages).isEqualTo(quarter.messages().size() + 1);
            accessible(browser, "feeds");
            shoot(browser, "feeds");

            // The Operation Encompass page (issue 15), on the same layout, passes the same checks.
            browser.get(demo.hubUrl() + "/pages/mash/encompass");
            accessible(browser, "Operation Encompass");
            // So does the "child seen" page: the quarter's ED attendances and flag queries raised notices.
            browser.get(demo.hubUrl() + "/pages/mash/child-seen");
            assertThat(browser.findElements(By.cssSelector("#child-seen tbody tr"))).isNotEmpty();
            accessible(browser, "child seen");
        } finally {
            browser.quit();
        }
    }

    @Test
    void aPartnershipViewerSeesTheScorecardButCannotOpenTheMashQueue() throws Exception {
        WebDriver browser = chromium();
        try {
            signIn(browser, "/pages/scorecard", "local-demo-viewer", "LOCAL-DEMO-password-partnership-viewer");
            assertThat(browser.findElements(By.cssSelector("article.measure"))).isNotEmpty();
            accessible(browser, "viewer's scorecard");
            // A board member (a partnership viewer of the council, owner of the social-care measures) comments on the
            // page; publishing is, by default (hub.scorecard.publishers), the MASH lead's or the hub admin's, on the page
            // as in the API.
            comment(browser, "Written on the page by the board member.");
            assertThat(absent(browser, By.cssSelector("form.publish"))).isTrue();
            assertThat(absent(browser, By.linkText("MASH queue"))).isTrue();
            browser.get(demo.hubUrl() + "/pages/mash");
            assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("You cannot open this page");
            assertThat(absent(browser, By.cssSelector("table.queue"))).isTrue();
            accessible(browser, "refusal");
            shoot(browser, "viewer-refused");
            // The HTML error page (web.PageErrors) passes the same checks: an address under /pages/ that is nothing.
            browser.get(demo.hubUrl() + "/pages/no-such-page");
            assertThat(browser.findElement(By.id("error-status")).getText()).isEqualTo("Error 404");
            assertThat(browser.findElement(By.id("home-link")).getAttribute("href")).isEqualTo(demo.hubUrl() + "/");
            accessible(browser, "error page");
            HttpResponse<String> direct = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(demo.hubUrl() + "/pages/mash")).header("Cookie", "SESSION="
                    + browser.manage().getCookieNamed("SESSION").getValue()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(direct.statusCode()).isEqualTo(403);
        } finally {
            browser.quit();
        }
    }

    /**
     * The MASH practitioner, in a browser of their own on the lead's test contact: rates it and steps the child down
     * on the contact page (each checked through the API), is offered no lead action on the escalations page (the
     * open disagreement {@code escalation} among them), and posting one anyway, with the page's own CSRF token, is
     * refused (403) and changes nothing; the same token posts a practitioner's action.
     */
    private static void aPractitionerActsOnTheContactButNotAsTheLead(String contactId, String child, String escalation)
            throws Exception {
        WebDriver browser = chromium();
        try {
            String contactPage = "/pages/mash/contacts/" + contactId;
            signIn(browser, contactPage, "local-demo-practitioner", "LOCAL-DEMO-password-mash-practitioner");
            browser.findElement(By.cssSelector("input[name=rating][value=red]")).click();
            submit(browser, () -> browser.findElement(By.cssSelector("form.rate button")).click());
            assertThat(browser.findElement(By.cssSelector(".message")).getText()).contains("Rated red");
            assertThat(api("/api/v1/mash/herefordshire/contacts/" + contactId, "local-demo-lead").get("rag").asString())
                    .isEqualTo("red");
            stepChange(browser, "direction-down", "Children's social care", "Early help",
                    "The family now works with early help; the risk has fallen.");
            assertThat(browser.findElement(By.cssSelector(".message")).getText()).contains("Step down recorded");
            JsonNode steps = api("/api/v1/mash/herefordshire/children/" + child + "/step-changes", "local-demo-lead");
            assertThat(steps.findValuesAsString("direction")).containsExactly("step-up", "step-down");
            assertThat(steps.get(1).get("fromService").asString()).isEqualTo("Children's social care");
            assertThat(steps.get(1).get("toService").asString()).isEqualTo("Early help");
            assertThat(steps.get(1).get("decidedBy").asString()).isEqualTo("local-demo-practitioner");

            browser.get(demo.hubUrl() + "/pages/escalations?status=open");
            assertThat(browser.findElement(By.id("escalation-" + escalation)).getText()).isNotBlank();
            assertThat(absent(browser, By.cssSelector("ul.escalations form"))).isTrue();
            accessible(browser, "the practitioner's escalations");
            assertThat(postFromPage(browser, "/pages/escalations/" + escalation + "/resolution?partnership=herefordshire",
                    "outcome=upheld&note=Not the practitioner's to resolve")).isEqualTo(403);
            assertThat(postFromPage(browser, "/pages/escalations/" + escalation + "/escalate?partnership=herefordshire",
                    "note=Not the practitioner's to move")).isEqualTo(403);
            JsonNode untouched = api("/api/v1/escalations/" + escalation, "local-demo-lead");
            assertThat(untouched.get("status").asString()).isEqualTo("open");
            assertThat(untouched.get("stage").asInt()).isEqualTo(2);
            // The token was good: the same post of a practitioner's action goes through (redirected to the contact).
            assertThat(postFromPage(browser, contactPage + "/rag?partnership=herefordshire", "rating=amber")).isEqualTo(200);
            assertThat(api("/api/v1/mash/herefordshire/contacts/" + contactId, "local-demo-lead").get("rag").asString())
                    .isEqualTo("amber");
        } finally {
            browser.quit();
        }
    }

    /** Fills in and sends the contact page's step-change form: the direction's radio by id, then its fields. */
    private static void stepChange(WebDriver browser, String direction, String from, String to, String reason) {
        browser.findElement(By.id(direction)).click();
        browser.findElement(By.id("fromService")).sendKeys(from);
        browser.findElement(By.id("toService")).sendKeys(to);
        browser.findElement(By.id("reason")).sendKeys(reason);
        submit(browser, () -> browser.findElement(By.cssSelector("form.step button")).click());
    }

    /**
     * Posts {@code form} (URL-encoded) to {@code path} from the page shown, with its session and the CSRF token of
     * its own forms, as a hand-made form would; the status after redirects.
     */
    private static long postFromPage(WebDriver browser, String path, String form) {
        return (Long) ((org.openqa.selenium.JavascriptExecutor) browser).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const body = new URLSearchParams(arguments[1]);
                body.set('_csrf', document.querySelector('input[name="_csrf"]').value);
                fetch(arguments[0], {method: 'POST', body: body}).then(r => done(r.status), e => done(-1));""", path, form);
    }

    /** axe-core's WCAG 2.0, 2.1 and 2.2 A and AA rules on the page as shown: no violation. */
    private static void accessible(WebDriver browser, String page) {
        com.deque.html.axecore.results.Results results = new com.deque.html.axecore.selenium.AxeBuilder()
                .withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa")).analyze(browser);
        assertThat(results.getViolations()).as(page + ": " + results.getViolations().stream()
                .map(v -> v.getId() + " " + v.getNodes().stream().map(n -> n.getTarget().toString()).toList()).toList())
                .isEmpty();
    }

    /** Nothing scrolls sideways (the charts resize as the page settles); else the elements that stick out. */
    private static void fitsWidth(WebDriver browser, String what) {
        org.openqa.selenium.JavascriptExecutor js = (org.openqa.selenium.JavascriptExecutor) browser;
        try {
            new WebDriverWait(browser, Duration.ofSeconds(10)).until(b -> (Boolean) js.executeScript(
                    "return document.documentElement.scrollWidth <= window.innerWidth"));
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError(what + " scrolls sideways: " + js.executeScript("""
                    return Array.from(document.querySelectorAll('body *'))
                      .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
                      .slice(0, 8).map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right)
                        + ' of ' + window.innerWidth)"""), e);
        }
    }

    /**
     * Submits a form by {@code action} (a click or a key) and waits until the browser has left the old page, so
     * that what is read next (the {@code .message} banner, an error summary) is the new page's and never the old one's.
     */
    private static void submit(WebDriver browser, Runnable action) {
        org.openqa.selenium.WebElement old = browser.findElement(By.tagName("html"));
        action.run();
        new WebDriverWait(browser, Duration.ofSeconds(60)).until(ExpectedConditions.stalenessOf(old));
    }

    /**
     * Writes {@code text} as commentary on the first measure the signed-in user may comment on, on the scorecard
     * page shown, and reads it back through the API.
     */
    private static void comment(WebDriver browser, String text) throws Exception {
        String shown = browser.findElement(By.cssSelector("h1 .period")).getText();
        org.openqa.selenium.WebElement comment = browser.findElement(By.cssSelector("form.comment"));
        String measureId = comment.findElement(By.name("measure")).getAttribute("value");
        comment.findElement(By.tagName("textarea")).sendKeys(text);
        submit(browser, () -> comment.findElement(By.tagName("button")).click());
        assertThat(browser.findElement(By.cssSelector(".message")).getText()).contains("Commentary added");
        assertThat(measure(api("/api/v1/scorecard/herefordshire/" + shown, "local-demo-lead"), measureId)
                .get("commentary").toString()).contains(text);
    }

    /** Whether the page shows no such element, without the implicit wait's 5 s that finding nothing would cost. */
    private static boolean absent(WebDriver browser, By by) {
        browser.manage().timeouts().implicitlyWait(Duration.ZERO);
        try {
            return browser.findElements(by).isEmpty();
        } finally {
            browser.manage().timeouts().implicitlyWait(Duration.ofSeconds(5));
        }
    }

    /** Tab (and nothing else) until the element with {@code id} has the focus. */
    private static void tabTo(WebDriver browser, String id) {
        for (int i = 0; i < 300; i++) {
            Object focused = ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("return document.activeElement.id");
            if (id.equals(focused)) {
                return;
            }
            keys(browser, org.openqa.selenium.Keys.TAB);
        }
        throw new AssertionError("Tab never reached #" + id);
    }

    private static void keys(WebDriver browser, CharSequence... keys) {
        new org.openqa.selenium.interactions.Actions(browser).sendKeys(keys).perform();
    }

    /** An access token and when it was issued. */
    private record Token(String value, Instant at) {
    }

    /** The police system raises a professional disagreement about its referral's decision; the escalation's id. */
    private static String disagree(String contactId, String summary) throws Exception {
        HttpResponse<String> raised = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(demo.hubUrl() + "/api/v1/escalations/disagreements"))
                .header("Authorization", "Bearer " + KeycloakServer.shared().partnerToken(SyntheticQuarter.POLICE))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(
                        java.util.Map.of("contactId", contactId, "summary", summary)))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(raised.statusCode()).as(raised.body()).isEqualTo(201);
        return JSON.readTree(raised.body()).get("escalationId").asString();
    }

    /** Whether the API's "awaiting partner information" view holds the contact. */
    private static boolean awaitingInformation(String contactId) throws Exception {
        return api("/api/v1/mash/herefordshire/queue?view=awaiting-information&size=200", "local-demo-lead").get("items")
                .toString().contains(contactId);
    }

    private static JsonNode measure(JsonNode scorecard, String id) {
        for (JsonNode m : scorecard.get("measures")) {
            if (m.get("id").asString().equals(id)) {
                return m;
            }
        }
        throw new AssertionError("no measure " + id);
    }

    /**
     * The same figures through the JSON API, with a token from the same sign-in flow the demo uses; one sign-in
     * per user for a minute (the realm's tokens live longer), not one per call.
     */
    private static JsonNode api(String path, String user) throws Exception {
        String token = TOKENS.compute(user, (u, held) -> held != null && held.at().isAfter(Instant.now().minusSeconds(60)) ? held
                : new Token(new PartnerSimulator(KeycloakServer.shared().keycloak(), demo.hubUrl(), Demo.PARTNERSHIP,
                SimulatedClock.INSTANCE, System.out).signIn(u, "LOCAL-DEMO-password-mash-lead"), Instant.now())).value();
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(demo.hubUrl() + path))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    /** Through the real Keycloak login page: the hub redirects there, the form is filled in and sent. */
    private static void signIn(WebDriver browser, String page, String username, String password) {
        browser.get(demo.hubUrl() + page);
        assertThat(browser.getCurrentUrl()).startsWith(KeycloakServer.shared().issuer(KeycloakServer.REALM));
        browser.findElement(By.id("username")).sendKeys(username);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.id("kc-login")).click();
        try {
            new WebDriverWait(browser, Duration.ofSeconds(20)).until(ExpectedConditions.urlContains(demo.hubUrl() + page));
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("not signed in; the browser shows " + browser.getCurrentUrl() + ":\n"
                    + browser.findElement(By.tagName("body")).getText(), e);
        }
    }

    private static WebDriver chromium() {
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1366,900",
                "--user-data-dir=" + tempDir());
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().implicitlyWait(Duration.ofSeconds(5));
        return driver;
    }

    private static String tempDir() {
        try {
            return Files.createTempDirectory("chromium-").toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void shoot(WebDriver browser, String name) throws Exception {
        Files.createDirectories(SCREENSHOTS);
        // The whole page, at a laptop's width: grow the window to the page's height for the shot.
        long height = (Long) ((org.openqa.selenium.JavascriptExecutor) browser)
                .executeScript("return document.documentElement.scrollHeight");
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(1366, (int) Math.min(Math.max(height, 700), 2400)));
        File png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(1366, 900));
        Files.copy(png.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
