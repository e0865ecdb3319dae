package org.safeguarding.hub.encompass;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.safeguarding.hub.escalation.SweepJob;
import org.safeguarding.hub.mash.Http;
import org.safeguarding.hub.security.PageSession;
import org.safeguarding.hub.support.ChildIdentifiers;
import org.safeguarding.hub.support.HubTestDatabase;
import org.safeguarding.hub.support.SettableClock;
import org.safeguarding.hub.support.TestTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.bean.override.convention.TestBean;
import org.springframework.web.context.WebApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Operation Encompass end to end (issue 15), through the public interfaces only: the education feed
 * (CSV, a school enrols the pupil), the police feed (a domestic abuse notification, with a token),
 * the outbox to a WireMock school, the schools' API (role school), the sweep, the MASH API and the
 * page. The hub runs on a {@link SettableClock} and on a test school calendar (this class's
 * school-terms.yml): the Autumn 1 half-term ends Friday 23 October 2026 and Autumn 2 starts Monday
 * 2 November; school days start 08:30.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = {HubTestDatabase.class, OperationEncompassTest.Settings.class})
class OperationEncompassTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String POLICE = TestTokens.partnerSystem("west-mercia-police-feed");
    /** A second police force whose agreement (this class's partners.yml) names no sharing with schools. */
    private static final String OTHER_POLICE = TestTokens.partnerSystem("other-police-feed");
    private static final String EDUCATION = TestTokens.partnerSystem("herefordshire-education-feed");
    private static final String LEAD = TestTokens.staff("alice", "mash-lead", "herefordshire");
    private static final String WHITECROSS = TestTokens.school("school-116789");
    private static final String BLUECOAT = TestTokens.school("school-116790");
    /**
     * Friday 23 October 2026, 21:30 BST (20:30Z), the last evening before half-term. Half-term is 26-30
     * October (British Summer Time ends on Sunday 25th), so the next school day starts Monday 2 November
     * 08:30 GMT = 08:30Z.
     */
    private static final Instant FRIDAY_EVENING = Instant.parse("2026-10-23T20:30:00Z");
    private static final String DUE = "2026-11-02T08:30:00Z";

    private static final SettableClock CLOCK = new SettableClock();

    @TestBean
    Clock clock;
    @LocalServerPort
    int port;
    @Autowired
    SweepJob sweepJob;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    WebApplicationContext context;

    static Clock clock() {
        return CLOCK;
    }

    @AfterEach
    void realTimeAgain() {
        CLOCK.followRealTime();
    }

    @Test
    void aFridayEveningIncidentBeforeHalfTermIsDueAfterHalfTermReachesTheSchoolAndEscalatesUnacknowledged() {
        Http http = new Http(port);
        String upn = ChildIdentifiers.upn();
        String record = "WMP-DA-" + UUID.randomUUID();
        CLOCK.set(FRIDAY_EVENING.plusSeconds(10 * 60));
        // The school told the hub in September that the pupil is on its roll.
        enrol(upn, "Maya", "Whitecross", "116789");
        // 21:40 BST the police send the notification; the child block carries the UPN, not the school.
        accepted(http.post("/api/v1/intake/police", POLICE, domesticAbuse(record, upn, "Maya", "Whitecross")));

        LoggedRequest delivered = awaitDelivery("/schools/116789", "Maya");
        JsonNode notice = JSON.readTree(delivered.getBodyAsString());
        assertThat(delivered.getHeader("X-Hub-Message-Type")).isEqualTo("operation-encompass-notice");
        assertThat(notice.get("child").get("givenName").asString()).isEqualTo("Maya");
        assertThat(notice.get("child").get("dateOfBirth").asString()).isEqualTo("2015-02-14");
        assertThat(notice.get("incident").get("date").asString()).isEqualTo("2026-10-23");
        assertThat(notice.get("incident").get("time").asString()).isEqualTo("21:30"); // local time, BST
        assertThat(notice.get("incident").get("kind").asString()).isEqualTo("domestic-abuse");
        assertThat(notice.get("incident").get("childPresent").asBoolean()).isTrue();
        assertThat(notice.get("policeContact").get("phone").asString()).isEqualTo("01905 725000");
        assertThat(notice.get("dueBefore").asString()).isEqualTo(DUE);
        // Nothing about other people: the police summary names the adults; it never leaves the hub.
        assertThat(delivered.getBodyAsString()).doesNotContain("Darren").doesNotContain("summary").doesNotContain("postcode");
        UUID id = UUID.fromString(notice.get("noticeId").asString());
        // One shape: the school fetching the notice gets exactly what was posted, police contact included,
        // and nothing of the hub's own working (status, police record id, partnership, reason).
        HttpResponse<String> fetched = http.get("/api/v1/schools/notices/" + id, WHITECROSS);
        assertThat(fetched.statusCode()).as(fetched.body()).isEqualTo(200);
        assertThat(json(fetched)).isEqualTo(notice);
        assertThat(stream(json(http.get("/api/v1/schools/notices", WHITECROSS)))
                .filter(n -> n.get("noticeId").asString().equals(id.toString()))).containsExactly(notice);
        List<String> fields = new java.util.ArrayList<>();
        notice.propertyNames().forEach(fields::add);
        assertThat(fields).containsExactlyInAnyOrder("noticeId", "school", "child", "incident", "policeContact",
                "corrects", "withdrawn", "dueBefore", "acknowledgedAt", "acknowledge");
        assertThat(notice.get("corrects").isNull()).isTrue();
        assertThat(notice.get("policeContact").get("agency").asString()).isEqualTo("West Mercia Police");

        // A correction of the same police record makes no second notice.
        accepted(http.post("/api/v1/intake/police", POLICE, domesticAbuse(record, upn, "Maya", "Whitecross")
                .replace("Darren", "Darren (corrected)")));
        assertThat(jdbc.sql("SELECT count(*) FROM encompass_notice WHERE police_record_id = ?").param(record)
                .query(Long.class).single()).isEqualTo(1);

        // The school sees its pupil's notice; another school neither lists nor reads nor acknowledges it.
        assertThat(http.get("/api/v1/schools/notices", WHITECROSS).body()).contains(id.toString());
        assertThat(http.get("/api/v1/schools/notices", BLUECOAT).body()).doesNotContain(id.toString());
        HttpResponse<String> read = http.get("/api/v1/schools/notices/" + id, BLUECOAT);
        assertThat(read.statusCode()).as(read.body()).isEqualTo(403);
        assertThat(read.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(http.post("/api/v1/schools/notices/" + id + "/acknowledgement", BLUECOAT, "").statusCode()).isEqualTo(403);
        assertThat(jdbc.sql("SELECT count(*) FROM audit_event WHERE action = 'encompass-notice-refused-to-school' AND entity_id = ?")
                .param(id.toString()).query(Long.class).single()).isEqualTo(2);
        // Only a school's system: a MASH lead's token or a partner system is refused the schools' API.
        assertThat(http.get("/api/v1/schools/notices", LEAD).statusCode()).isEqualTo(403);
        assertThat(http.get("/api/v1/schools/notices", POLICE).statusCode()).isEqualTo(403);

        // Monday 2 November 08:29: the school day has not started; nothing to escalate.
        CLOCK.set(Instant.parse(DUE).minusSeconds(60));
        sweepJob.runOnce();
        assertThat(encompassEscalations(http, id)).isEmpty();
        // 08:31, still unacknowledged: escalated to the education safeguarding lead.
        CLOCK.set(Instant.parse(DUE).plusSeconds(60));
        sweepJob.runOnce();
        List<JsonNode> escalations = encompassEscalations(http, id);
        assertThat(escalations).hasSize(1);
        JsonNode escalation = escalations.get(0);
        assertThat(escalation.get("subjectId").asString()).isEqualTo(id.toString());
        assertThat(escalation.get("addressedToAgencyId").asString()).isEqualTo("herefordshire-education");
        assertThat(escalation.get("addressedToRole").asString()).isEqualTo("education-safeguarding-lead");
        // It names the child and the incident, gives times on the clock in England, and says who raised it:
        // the Operation Encompass service, for the police force whose notification the school has not acknowledged.
        assertThat(escalation.get("summary").asString())
                .isEqualTo("Operation Encompass notice about Maya Whitecross (incident Fri 23 Oct 2026 21:30) to"
                        + " Whitecross Hereford High School (URN 116789)"
                        + " not acknowledged by the start of the school day, Mon 2 Nov 2026 08:30");
        assertThat(escalation.get("raisedByAgencyId").asString()).isEqualTo("west-mercia-police");
        assertThat(escalation.get("raisedByPerson").asString()).isEqualTo("operation-encompass");
        // The education service's system is told through the outbox (it has no endpoint: it fetches).
        awaitStatusOfEscalationNotice(escalation.get("id").asString());
        assertThat(http.get("/api/v1/notices", EDUCATION).body()).contains(escalation.get("id").asString());

        // 09:00 the school acknowledges; the next sweep completes the escalation.
        CLOCK.set(Instant.parse(DUE).plusSeconds(30 * 60));
        HttpResponse<String> ack = http.post("/api/v1/schools/notices/" + id + "/acknowledgement", WHITECROSS, "");
        assertThat(ack.statusCode()).as(ack.body()).isEqualTo(200);
        assertThat(json(ack).get("acknowledgedAt").asString()).isEqualTo("2026-11-02T09:00:00Z");
        sweepJob.runOnce();
        assertThat(encompassEscalations(http, id).get(0).get("status").asString()).isEqualTo("resolved");
    }

    @Test
    void aChildWithNoKnownSchoolLandsOnTheReviewListAndThePage() {
        Http http = new Http(port);
        String upn = ChildIdentifiers.upn();
        CLOCK.set(FRIDAY_EVENING.plusSeconds(20 * 60));
        // No education event names a school for this child, and the police record names none.
        accepted(http.post("/api/v1/intake/police", POLICE, domesticAbuse("WMP-DA-" + UUID.randomUUID(), upn, "Noor",
                "Unschooled")));
        HttpResponse<String> review = http.get("/api/v1/mash/herefordshire/encompass/review", LEAD);
        assertThat(review.statusCode()).as(review.body()).isEqualTo(200);
        JsonNode line = stream(json(review)).filter(n -> n.get("familyName").asString().equals("Unschooled")).findFirst()
                .orElseThrow(() -> new AssertionError("not on the review list: " + review.body()));
        assertThat(line.get("status").asString()).isEqualTo("no-known-school");
        assertThat(line.get("reason").asString()).contains("no education event names a school");
        assertThat(line.get("dueAt").asString()).isEqualTo(DUE);
        assertThat(PageSession.page(context, LEAD, "/pages/mash/encompass", "herefordshire")).contains("Unschooled").contains("no education event names a school");
        // Another partnership's staff are refused the list.
        assertThat(http.get("/api/v1/mash/herefordshire/encompass/review",
                TestTokens.staff("wendy", "mash-lead", "worcestershire")).statusCode()).isEqualTo(403);
        // The education safeguarding lead reads their own partnership's review list, and not another's.
        HttpResponse<String> byLead = http.get("/api/v1/mash/herefordshire/encompass/review",
                TestTokens.educationLead("esme", "herefordshire", "herefordshire-education"));
        assertThat(byLead.statusCode()).as(byLead.body()).isEqualTo(200);
        assertThat(byLead.body()).contains("Unschooled");
        assertThat(jdbc.sql("SELECT count(*) FROM audit_event WHERE action = 'encompass-notices-read' AND actor = 'esme'")
                .query(Long.class).single()).as("the read is audited").isPositive();
        HttpResponse<String> otherPartnership = http.get("/api/v1/mash/herefordshire/encompass/review",
                TestTokens.educationLead("wyn", "worcestershire", "worcestershire-education"));
        assertThat(otherPartnership.statusCode()).isEqualTo(403);
        assertThat(otherPartnership.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    @Test
    void aNoticeOutsideAnAgreementInForceIsRefusedAuditedAndNeverSent() {
        Http http = new Http(port);
        String upn = ChildIdentifiers.upn();
        CLOCK.set(FRIDAY_EVENING.plusSeconds(30 * 60));
        enrol(upn, "Lena", "Agreementless", "116789");
        String record = "OP-DA-" + UUID.randomUUID();
        // The other force may send its feed, but no agreement lets the hub pass its notifications to schools.
        accepted(http.post("/api/v1/intake/police", OTHER_POLICE, domesticAbuse(record, upn, "Lena", "Agreementless")));
        HttpResponse<String> refused = http.get("/api/v1/mash/herefordshire/encompass/notices?status=refused", LEAD);
        JsonNode line = stream(json(refused)).filter(n -> n.get("policeRecordId").asString().equals(record)).findFirst()
                .orElseThrow(() -> new AssertionError("not refused: " + refused.body()));
        assertThat(line.get("reason").asString()).contains("no information-sharing agreement")
                .contains("operation-encompass").contains("other-police");
        assertThat(jdbc.sql("SELECT count(*) FROM audit_event WHERE action = 'encompass-notice-refused' AND entity_id = ?")
                .param(line.get("id").asString()).query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT count(*) FROM outbox WHERE payload::text LIKE '%Agreementless%'").query(Long.class).single())
                .as("nothing queued for the school").isZero();
        assertThat(http.get("/api/v1/mash/herefordshire/encompass/notices?status=bogus", LEAD).statusCode()).isEqualTo(400);
    }

    @Test
    void aPoliceCorrectionAfterDeliveryIsSentAsACorrectingNoticeAndTheEarlierSchoolIsToldItsNoticeIsWithdrawn() {
        Http http = new Http(port);
        String upn = ChildIdentifiers.upn();
        String record = "WMP-DA-" + UUID.randomUUID();
        CLOCK.set(FRIDAY_EVENING.plusSeconds(40 * 60));
        // No education record names the child's school: the police name Whitecross.
        fromPolice(http, record, upn, "Ruby", "Corrected", "domestic-abuse", "2026-10-23T20:30:00Z", true, "116789");
        JsonNode first = JSON.readTree(awaitDelivery("/schools/116789", "Corrected").getBodyAsString());
        UUID earlier = UUID.fromString(first.get("noticeId").asString());

        // Saturday 09:00 the force corrects the record: 21:00 (BST), the child was not in the room.
        CLOCK.set(Instant.parse("2026-10-24T08:00:00Z"));
        fromPolice(http, record, upn, "Ruby", "Corrected", "domestic-abuse", "2026-10-23T20:00:00Z", false, "116789");
        JsonNode correction = JSON.readTree(awaitDelivery("/schools/116789", correcting(earlier)).getBodyAsString());
        UUID corrected = UUID.fromString(correction.get("noticeId").asString());
        assertThat(corrected).isNotEqualTo(earlier);
        assertThat(correction.get("incident").get("time").asString()).isEqualTo("21:00");
        assertThat(correction.get("incident").get("childPresent").asBoolean()).isFalse();
        assertThat(correction.get("withdrawn").asBoolean()).isFalse();
        // Still due before the first school day after half-term.
        assertThat(correction.get("dueBefore").asString()).isEqualTo(DUE);
        // The school lists both; the correction names the earlier notice.
        assertThat(http.get("/api/v1/schools/notices", WHITECROSS).body()).contains(earlier.toString()).contains(corrected.toString());

        // Sunday the force corrects the school: the child is at Bluecoat. Bluecoat gets a correction of the
        // notice Whitecross had; Whitecross is told that notice is withdrawn; nothing else is sent to Whitecross.
        CLOCK.set(Instant.parse("2026-10-25T10:00:00Z"));
        fromPolice(http, record, upn, "Ruby", "Corrected", "domestic-abuse", "2026-10-23T20:00:00Z", false, "116790");
        JsonNode toBluecoat = JSON.readTree(awaitDelivery("/schools/116790", "Corrected").getBodyAsString());
        assertThat(toBluecoat.get("corrects").asString()).isEqualTo(corrected.toString());
        assertThat(toBluecoat.get("withdrawn").asBoolean()).isFalse();
        assertThat(toBluecoat.get("incident").get("time").asString()).isEqualTo("21:00");
        JsonNode withdrawal = JSON.readTree(awaitDelivery("/schools/116789", correcting(corrected)).getBodyAsString());
        assertThat(withdrawal.get("withdrawn").asBoolean()).isTrue();
        assertThat(Settings.SCHOOLS.findAll(postRequestedFor(urlEqualTo("/schools/116789"))).stream()
                .filter(r -> r.getBodyAsString().contains("Corrected")).count()).as("original, correction, withdrawal").isEqualTo(3);

        // Only the current notice escalates: Bluecoat's, unacknowledged at 08:31 on the first school day.
        CLOCK.set(Instant.parse(DUE).plusSeconds(60));
        sweepJob.runOnce();
        List<String> escalated = encompassEscalations(http).stream().map(e -> e.get("subjectId").asString()).toList();
        assertThat(escalated).contains(toBluecoat.get("noticeId").asString()).doesNotContain(earlier.toString(),
                corrected.toString(), withdrawal.get("noticeId").asString());
    }

    @Test
    void aPoliceCorrectionToAnotherChildWithdrawsTheEarlierChildsNoticeAndTheNewChildsNamesIt() {
        Http http = new Http(port);
        String cara = ChildIdentifiers.upn();
        String eli = ChildIdentifiers.upn();
        String record = "TRY-DA-" + UUID.randomUUID();
        CLOCK.set(FRIDAY_EVENING.plusSeconds(45 * 60));
        enrol(cara, "Cara", "Swapped", "116789");
        enrol(eli, "Eli", "Swapped", "116790");
        fromPolice(http, record, cara, "Cara", "Swapped", "domestic-abuse", "2026-10-23T20:30:00Z", true, null);
        JsonNode first = JSON.readTree(awaitDelivery("/schools/116789",
                r -> r.getBodyAsString().contains("Swapped") && r.getBodyAsString().contains("Cara")).getBodyAsString());
        UUID earlier = UUID.fromString(first.get("noticeId").asString());
        HttpResponse<String> fetched = http.get("/api/v1/schools/notices/" + earlier, WHITECROSS);
        assertThat(fetched.statusCode()).as(fetched.body()).isEqualTo(200);

        // Saturday 09:00 the force corrects the child: the record is about Eli, at Bluecoat.
        CLOCK.set(Instant.parse("2026-10-24T08:00:00Z"));
        fromPolice(http, record, eli, "Eli", "Swapped", "domestic-abuse", "2026-10-23T20:30:00Z", true, null);
        JsonNode toBluecoat = JSON.readTree(awaitDelivery("/schools/116790", correcting(earlier)).getBodyAsString());
        assertThat(toBluecoat.get("child").get("givenName").asString()).isEqualTo("Eli");
        assertThat(toBluecoat.get("withdrawn").asBoolean()).isFalse();
        assertThat(toBluecoat.get("dueBefore").asString()).isEqualTo(DUE);
        // Whitecross is told Cara's notice is withdrawn: the withdrawal names Cara, not Eli.
        JsonNode withdrawal = JSON.readTree(awaitDelivery("/schools/116789", correcting(earlier)).getBodyAsString());
        assertThat(withdrawal.get("withdrawn").asBoolean()).isTrue();
        assertThat(withdrawal.get("child").get("givenName").asString()).isEqualTo("Cara");
        assertThat(http.get("/api/v1/schools/notices", WHITECROSS).body()).doesNotContain("Eli");
        assertThat(http.get("/api/v1/schools/notices", BLUECOAT).body()).doesNotContain("Cara");

        // The MASH sees one current notice of the record: Eli's; Cara's is superseded, its withdrawal marked.
        HttpResponse<String> mash = http.get("/api/v1/mash/herefordshire/encompass/notices?limit=500", LEAD);
        assertThat(mash.statusCode()).as(mash.body()).isEqualTo(200);
        java.util.Map<String, String> standing = stream(json(mash)).filter(n -> n.get("policeRecordId").asString().equals(record))
                .collect(java.util.stream.Collectors.toMap(n -> n.get("id").asString(),
                        n -> n.get("givenName").asString() + " " + n.get("standing").asString()));
        assertThat(standing).containsExactlyInAnyOrderEntriesOf(java.util.Map.of(
                earlier.toString(), "Cara superseded",
                withdrawal.get("noticeId").asString(), "Cara withdrawn",
                toBluecoat.get("noticeId").asString(), "Eli current"));
    }

    @Test
    void aRecordCorrectedToAnotherKindAndBackToDomesticAbuseSendsAFreshNoticeNeverNothing() {
        Http http = new Http(port);
        String upn = ChildIdentifiers.upn();
        String record = "TRY-DA-" + UUID.randomUUID();
        CLOCK.set(FRIDAY_EVENING.plusSeconds(48 * 60));
        enrol(upn, "Noa", "Reopened", "116789");
        fromPolice(http, record, upn, "Noa", "Reopened", "domestic-abuse", "2026-10-23T20:30:00Z", true, null);
        JsonNode first = JSON.readTree(awaitDelivery("/schools/116789",
                r -> r.getBodyAsString().contains("Reopened") && JSON.readTree(r.getBodyAsString()).get("corrects").isNull())
                .getBodyAsString());
        UUID earlier = UUID.fromString(first.get("noticeId").asString());

        // Saturday 09:00: not domestic abuse after all; the school is told the notice is withdrawn.
        CLOCK.set(Instant.parse("2026-10-24T08:00:00Z"));
        fromPolice(http, record, upn, "Noa", "Reopened", "incident", "2026-10-23T20:30:00Z", true, null);
        JsonNode withdrawal = JSON.readTree(awaitDelivery("/schools/116789", correcting(earlier)).getBodyAsString());
        assertThat(withdrawal.get("withdrawn").asBoolean()).isTrue();
        UUID withdrawn = UUID.fromString(withdrawal.get("noticeId").asString());

        // Saturday 10:00: domestic abuse again, at 08:15 BST that morning: a fresh notice, due after half-term.
        CLOCK.set(Instant.parse("2026-10-24T09:00:00Z"));
        fromPolice(http, record, upn, "Noa", "Reopened", "domestic-abuse", "2026-10-24T07:15:00Z", true, null);
        JsonNode fresh = JSON.readTree(awaitDelivery("/schools/116789", correcting(withdrawn)).getBodyAsString());
        assertThat(fresh.get("withdrawn").asBoolean()).isFalse();
        assertThat(fresh.get("incident").get("date").asString()).isEqualTo("2026-10-24");
        assertThat(fresh.get("incident").get("time").asString()).isEqualTo("08:15");
        assertThat(fresh.get("incident").get("kind").asString()).isEqualTo("domestic-abuse");
        assertThat(fresh.get("dueBefore").asString()).isEqualTo(DUE);
        UUID freshId = UUID.fromString(fresh.get("noticeId").asString());

        // It is the record's one current notice, and the one that escalates unacknowledged.
        HttpResponse<String> mash = http.get("/api/v1/mash/herefordshire/encompass/notices?limit=500", LEAD);
        assertThat(stream(json(mash)).filter(n -> n.get("policeRecordId").asString().equals(record))
                .filter(n -> n.get("standing").asString().equals("current")).map(n -> n.get("id").asString()))
                .containsExactly(freshId.toString());
        CLOCK.set(Instant.parse(DUE).plusSeconds(60));
        sweepJob.runOnce();
        List<String> escalated = encompassEscalations(http).stream().map(e -> e.get("subjectId").asString()).toList();
        assertThat(escalated).contains(freshId.toString()).doesNotContain(earlier.toString(), withdrawn.toString());
    }

    @Test
    void aPoliceCorrectionBeforeTheSchoolHasTheNoticeUpdatesItAndAKindCorrectionCancelsIt() {
        Http http = new Http(port);
        String hamptonDene = TestTokens.school("school-116791");
        String upn = ChildIdentifiers.upn();
        String record = "WMP-DA-" + UUID.randomUUID();
        CLOCK.set(FRIDAY_EVENING.plusSeconds(50 * 60));
        // Hampton Dene has no endpoint: its notices wait in the outbox until it fetches them.
        enrol(upn, "Ivy", "Pending", "116791");
        fromPolice(http, record, upn, "Ivy", "Pending", "domestic-abuse", "2026-10-23T20:30:00Z", true, null);
        // The outbox has found the school has no endpoint: the notice waits for it (a message a publisher has
        // claimed might be on the wire, and would be corrected by a correcting notice instead).
        awaitWaitingForSchool("Pending");
        fromPolice(http, record, upn, "Ivy", "Pending", "domestic-abuse", "2026-10-23T18:45:00Z", false, null);
        HttpResponse<String> list = http.get("/api/v1/schools/notices", hamptonDene);
        assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
        List<JsonNode> mine = stream(json(list)).filter(n -> n.toString().contains("Pending")).toList();
        assertThat(mine).as("one notice, updated: " + list.body()).hasSize(1);
        assertThat(mine.get(0).get("incident").get("time").asString()).isEqualTo("19:45"); // BST
        assertThat(mine.get(0).get("incident").get("childPresent").asBoolean()).isFalse();
        assertThat(mine.get(0).get("corrects").isNull()).isTrue();

        // A second child: corrected to a plain incident (not domestic abuse) before the school fetched it.
        String upn2 = ChildIdentifiers.upn();
        String record2 = "WMP-DA-" + UUID.randomUUID();
        enrol(upn2, "Ada", "Cancelled", "116791");
        fromPolice(http, record2, upn2, "Ada", "Cancelled", "domestic-abuse", "2026-10-23T20:30:00Z", true, null);
        awaitWaitingForSchool("Cancelled");
        fromPolice(http, record2, upn2, "Ada", "Cancelled", "incident", "2026-10-23T20:30:00Z", true, null);
        assertThat(http.get("/api/v1/schools/notices", hamptonDene).body()).doesNotContain("Cancelled");
        HttpResponse<String> cancelled = http.get("/api/v1/mash/herefordshire/encompass/notices?status=cancelled", LEAD);
        assertThat(cancelled.body()).contains("Cancelled").contains(record2);
        assertThat(jdbc.sql("SELECT count(*) FROM outbox WHERE payload::text LIKE '%Cancelled%'").query(Long.class).single())
                .as("nothing left for the school to fetch").isZero();
    }

    @Test
    void aChildOnTheReviewListGoesToTheSchoolALaterRecordNames() {
        Http http = new Http(port);
        CLOCK.set(FRIDAY_EVENING.plusSeconds(55 * 60));
        String byPolice = ChildIdentifiers.upn();
        String byEducation = ChildIdentifiers.upn();
        String record = "WMP-DA-" + UUID.randomUUID();
        fromPolice(http, record, byPolice, "Theo", "Reviewpolice", "domestic-abuse", "2026-10-23T20:30:00Z", true, null);
        fromPolice(http, "WMP-DA-" + UUID.randomUUID(), byEducation, "Nia",
                "Revieweducation", "domestic-abuse", "2026-10-23T20:30:00Z", true, null);
        assertThat(http.get("/api/v1/mash/herefordshire/encompass/review", LEAD).body())
                .contains("Reviewpolice").contains("Revieweducation");

        // The police re-send the record naming Bluecoat: off the review list, to Bluecoat, due as before.
        fromPolice(http, record, byPolice, "Theo", "Reviewpolice", "domestic-abuse", "2026-10-23T20:30:00Z", true, "116790");
        JsonNode toBluecoat = JSON.readTree(awaitDelivery("/schools/116790", "Reviewpolice").getBodyAsString());
        assertThat(toBluecoat.get("dueBefore").asString()).isEqualTo(DUE);
        assertThat(toBluecoat.get("corrects").isNull()).as("nothing reached a school before: not a correction").isTrue();

        // Monday 2 November 10:00, after that school day began, the school tells the hub Nia is its pupil:
        // off the review list, to Whitecross, due before the next school day, Tuesday 08:30 GMT.
        CLOCK.set(Instant.parse("2026-11-02T10:00:00Z"));
        enrol(byEducation, "Nia", "Revieweducation", "116789");
        JsonNode toWhitecross = JSON.readTree(awaitDelivery("/schools/116789", "Revieweducation").getBodyAsString());
        assertThat(toWhitecross.get("dueBefore").asString()).isEqualTo("2026-11-03T08:30:00Z");
        assertThat(http.get("/api/v1/mash/herefordshire/encompass/review", LEAD).body())
                .doesNotContain("Reviewpolice").doesNotContain("Revieweducation");
    }

    @Test
    void anEncompassReceiptInTheEducationFeedAcknowledgesTheNoticeOnceAsTheEndpointDoes() {
        Http http = new Http(port);
        String upn = ChildIdentifiers.upn();
        CLOCK.set(FRIDAY_EVENING.plusSeconds(58 * 60));
        enrol(upn, "Olu", "Receipted", "116789");
        accepted(http.post("/api/v1/intake/police", POLICE, domesticAbuse("WMP-DA-" + UUID.randomUUID(), upn, "Olu", "Receipted")));
        UUID id = UUID.fromString(JSON.readTree(awaitDelivery("/schools/116789", "Receipted").getBodyAsString())
                .get("noticeId").asString());

        // Monday 08:10 the school's MIS reports the receipt through the education service's feed.
        CLOCK.set(Instant.parse(DUE).minusSeconds(20 * 60));
        educationRow("RCP-" + UUID.randomUUID() + ",encompass-receipt," + upn + ",Olu,Receipted,2015-02-14,HR4 9AB,2026-11-02,116789," + id);
        JsonNode read = json(http.get("/api/v1/schools/notices/" + id, WHITECROSS));
        assertThat(read.get("acknowledgedAt").asString()).isEqualTo("2026-11-02T08:10:00Z");
        // A second receipt (another row) and the endpoint keep the first time; each is audited.
        CLOCK.set(Instant.parse(DUE).minusSeconds(5 * 60));
        educationRow("RCP-" + UUID.randomUUID() + ",encompass-receipt," + upn + ",Olu,Receipted,2015-02-14,HR4 9AB,2026-11-02,116789," + id);
        HttpResponse<String> ack = http.post("/api/v1/schools/notices/" + id + "/acknowledgement", WHITECROSS, "");
        assertThat(json(ack).get("acknowledgedAt").asString()).isEqualTo("2026-11-02T08:10:00Z");
        assertThat(jdbc.sql("SELECT count(*) FROM audit_event WHERE action = 'encompass-notice-acknowledged' AND entity_id = ?")
                .param(id.toString()).query(Long.class).single()).isEqualTo(3);
        // Acknowledged before the school day: nothing escalates.
        CLOCK.set(Instant.parse(DUE).plusSeconds(60));
        sweepJob.runOnce();
        assertThat(encompassEscalations(http, id)).isEmpty();

        // A notice_id on another kind of row is refused naming the column.
        HttpResponse<String> wrong = educationCsv("RCP-" + UUID.randomUUID() + ",referral," + upn
                + ",Olu,Receipted,2015-02-14,HR4 9AB,2026-11-02,116789," + id);
        assertThat(JSON.readTree(wrong.body()).get("outcomes").get(0).get("field").asString()).isEqualTo("notice_id");
    }

    @Test
    void aLimitOutsideOneToFiveHundredIsRefusedNamingLimit() {
        Http http = new Http(port);
        for (String path : List.of("/api/v1/mash/herefordshire/encompass/review?limit=0",
                "/api/v1/mash/herefordshire/encompass/review?limit=-1",
                "/api/v1/mash/herefordshire/encompass/notices?limit=0",
                "/api/v1/mash/herefordshire/encompass/notices?limit=501")) {
            assertRefusedNamingLimit(http.get(path, LEAD), path);
        }
        assertRefusedNamingLimit(http.get("/api/v1/schools/notices?limit=-1", WHITECROSS), "schools, -1");
        assertRefusedNamingLimit(http.get("/api/v1/schools/notices?limit=0", WHITECROSS), "schools, 0");
        // The edges are answered.
        assertThat(http.get("/api/v1/mash/herefordshire/encompass/review?limit=1", LEAD).statusCode()).isEqualTo(200);
        assertThat(http.get("/api/v1/schools/notices?limit=500", WHITECROSS).statusCode()).isEqualTo(200);
    }

    private static void assertRefusedNamingLimit(HttpResponse<String> response, String what) {
        assertThat(response.statusCode()).as(what + ": " + response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).as(what).hasValue("application/problem+json");
        assertThat(JSON.readTree(response.body()).get("violations").get(0).get("field").asString()).as(what).isEqualTo("limit");
    }

    // --- the partners' side -------------------------------------------------------------------------

    private void enrol(String upn, String given, String family, String urn) {
        String csv = """
                record_id,record_type,upn,given_name,family_name,date_of_birth,postcode,occurred_on,school_urn
                ENR-%s,enrolment,%s,%s,%s,2015-02-14,HR4 9AB,2026-09-02,%s
                """.formatted(UUID.randomUUID(), upn, given, family, urn);
        HttpResponse<String> receipt = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/intake/education"))
                .header("Authorization", "Bearer " + EDUCATION).header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString(csv)));
        accepted(receipt);
    }

    /** One row of the education feed, after the header with the school_urn and notice_id columns; accepted. */
    private void educationRow(String row) {
        accepted(educationCsv(row));
    }

    private HttpResponse<String> educationCsv(String row) {
        String csv = "record_id,record_type,upn,given_name,family_name,date_of_birth,postcode,occurred_on,school_urn,notice_id\n"
                + row + "\n";
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/intake/education"))
                .header("Authorization", "Bearer " + EDUCATION).header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString(csv)));
    }

    /** The police feed sends one record ({@link #police}); accepted. */
    private static void fromPolice(Http http, String record, String upn, String given, String family, String type,
                                   String incidentAt, boolean present, String schoolUrn) {
        accepted(http.post("/api/v1/intake/police", POLICE, police(record, upn, given, family, type, incidentAt, present,
                schoolUrn)));
    }

    private static String police(String record, String upn, String given, String family, String type, String incidentAt,
                                 boolean present, String schoolUrn) {
        return """
                {"messageId": "%s", "records": [{"recordId": "%s", "type": "%s",
                  "child": {"givenName": "%s", "familyName": "%s", "dateOfBirth": "2015-02-14", "postcode": "HR4 9AB", "upn": "%s"},
                  "incidentAt": "%s", "childPresent": %s%s}]}"""
                .formatted(UUID.randomUUID(), record, type, given, family, upn, incidentAt, present,
                        schoolUrn == null ? "" : ", \"school\": {\"urn\": \"" + schoolUrn + "\"}");
    }

    private static String domesticAbuse(String record, String upn, String given, String family) {
        return """
                {"messageId": "%s", "records": [{"recordId": "%s", "type": "domestic-abuse",
                  "child": {"givenName": "%s", "familyName": "%s", "dateOfBirth": "2015-02-14", "postcode": "HR4 9AB", "upn": "%s"},
                  "incidentAt": "2026-10-23T20:30:00Z", "childPresent": true,
                  "summary": "Darren Hale assaulted Kerry Hale at the home address; the child was in the next room."}]}"""
                .formatted(UUID.randomUUID(), record, given, family, upn);
    }

    private static void accepted(HttpResponse<String> receipt) {
        assertThat(receipt.statusCode()).as(receipt.body()).isEqualTo(201);
        assertThat(JSON.readTree(receipt.body()).get("outcomes").get(0).get("outcome").asString())
                .as(receipt.body()).isEqualTo("accepted");
    }

    private static LoggedRequest awaitDelivery(String path, String containing) {
        return awaitDelivery(path, r -> r.getBodyAsString().contains(containing));
    }

    /** A notice that corrects notice {@code earlier}. */
    private static java.util.function.Predicate<LoggedRequest> correcting(UUID earlier) {
        return r -> JSON.readTree(r.getBodyAsString()).path("corrects").asStringOpt().filter(earlier.toString()::equals).isPresent();
    }

    private static LoggedRequest awaitDelivery(String path, java.util.function.Predicate<LoggedRequest> which) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (true) {
            List<LoggedRequest> found = Settings.SCHOOLS.findAll(postRequestedFor(urlEqualTo(path))).stream()
                    .filter(which).toList();
            if (!found.isEmpty()) {
                assertThat(found).as("delivered once").hasSize(1);
                return found.get(0);
            }
            assertThat(Instant.now()).as("waiting for a notice at " + path).isBefore(deadline);
            sleep();
        }
    }

    private void awaitWaitingForSchool(String familyName) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (jdbc.sql("SELECT count(*) FROM outbox WHERE payload::text LIKE ? AND status = 'fetch'")
                .param("%" + familyName + "%").query(Long.class).single() == 0) {
            assertThat(Instant.now()).as("waiting for the notice to wait for the school").isBefore(deadline);
            sleep();
        }
    }

    private void awaitStatusOfEscalationNotice(String escalationId) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (jdbc.sql("SELECT count(*) FROM outbox WHERE idempotency_key LIKE ? AND status = 'fetch'")
                .param("escalation:" + escalationId + ":%").query(Long.class).single() == 0) {
            assertThat(Instant.now()).as("waiting for the escalation notice").isBefore(deadline);
            sleep();
        }
    }

    /** The escalations about notice {@code id} (other tests' notices escalate in the same sweeps). */
    private List<JsonNode> encompassEscalations(Http http, UUID id) {
        return encompassEscalations(http).stream().filter(e -> e.get("subjectId").asString().equals(id.toString())).toList();
    }

    private List<JsonNode> encompassEscalations(Http http) {
        HttpResponse<String> response = http.get("/api/v1/mash/herefordshire/escalations", LEAD);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return stream(json(response)).filter(e -> e.get("subjectType").asString().equals("encompass-notice")).toList();
    }



    private static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    private static java.util.stream.Stream<JsonNode> stream(JsonNode array) {
        return java.util.stream.StreamSupport.stream(array.spliterator(), false);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The schools' endpoints (WireMock), this class's schools.yml, partners.yml and school calendar, fast outbox polling. */
    static class Settings implements ApplicationContextInitializer<ConfigurableApplicationContext> {

        static final WireMockServer SCHOOLS = start();

        @Override
        public void initialize(ConfigurableApplicationContext context) {
            TestPropertyValues.of("hub.config-dir=" + configDir(), "hub.outbox.poll-interval=100", "hub.outbox.poll-delay=0",
                    "hub.outbox.retry.max-attempts=5", "hub.outbox.retry.first-delay=PT0.1S",
                    "hub.outbox.retry.multiplier=2", "hub.outbox.retry.max-delay=PT0.4S").applyTo(context);
        }

        private static WireMockServer start() {
            WireMockServer server = new WireMockServer(wireMockConfig().dynamicPort());
            server.start();
            server.stubFor(post(urlPathMatching("/schools/.*")).willReturn(aResponse().withStatus(200)));
            return server;
        }

        private static Path configDir() {
            try {
                Path dir = Files.createTempDirectory("hub-encompass-config");
                String partners = shipped("partners.yml")
                        .replace("agencies:\n", """
                                agencies:
                                  - id: other-police
                                    name: A police force with no agreement to share with schools
                                    kind: police
                                    partnerships: [herefordshire]
                                    clients: [other-police-feed]
                                """)
                        .replace("agreements:\n", """
                                agreements:
                                  - agency: other-police
                                    feeds: [police]
                                    purpose: Safeguarding children; MASH screening only
                                    lawful-basis: "UK GDPR Art 6(1)(e)"
                                    from: 2024-04-01
                                """);
                Files.writeString(dir.resolve("partners.yml"), partners);
                String base = "http://127.0.0.1:" + SCHOOLS.port() + "/schools/";
                Files.writeString(dir.resolve("schools.yml"), shipped("schools.yml")
                        .replace("clients: [school-116789] }", "clients: [school-116789], notices-endpoint: \"" + base + "116789\" }")
                        .replace("clients: [school-116790] }", "clients: [school-116790], notices-endpoint: \"" + base + "116790\" }"));
                // The test calendar: Autumn 1 half-term ends Fri 23 Oct 2026, Autumn 2 starts Mon 2 Nov.
                Files.writeString(dir.resolve("school-terms.yml"), """
                        school-day-starts-at: "08:30"
                        terms:
                          - { name: Autumn 1 2026, first-day: 2026-09-02, last-day: 2026-10-23 }
                          - { name: Autumn 2 2026, first-day: 2026-11-02, last-day: 2026-12-18 }
                        """);
                return dir;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static String shipped(String name) throws IOException {
            try (InputStream in = OperationEncompassTest.class.getClassLoader().getResourceAsStream("hub/" + name)) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
    }
}
