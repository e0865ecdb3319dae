package org.safeguarding.hub.flags;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.client.interceptor.AdditionalRequestHeadersInterceptor;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import ca.uhn.fhir.rest.gclient.StringClientParam;
import ca.uhn.fhir.rest.server.exceptions.AuthenticationException;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.safeguarding.hub.mash.Http;
import org.safeguarding.hub.mash.MashHub;
import org.safeguarding.hub.security.PageSession;
import org.safeguarding.hub.support.ChildIdentifiers;
import org.safeguarding.hub.support.TestTokens;
import org.safeguarding.hub.web.Times;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.context.WebApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Child protection flags for unscheduled care (issue 15), through the public interfaces only: the
 * council's social-care feed over HTTP sends plans and periods in care; an emergency department's
 * system asks with HAPI's generic client as a trust's would ({@code GET /fhir/Flag}); its ED
 * attendances arrive as a FHIR transaction; the owning council's endpoint is a WireMock
 * ({@link MashHub}: council "test-council" with an endpoint, trust "other-trust" without a direct-care
 * agreement); an auditor reads the trail at {@code /fhir/AuditEvent}.
 */
@MashHub
class ChildProtectionFlagsTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final String NHS = "https://fhir.nhs.uk/Id/nhs-number";
    private static final String COUNCIL = TestTokens.partnerSystem("test-council-feed");
    private static final String TRUST = TestTokens.partnerSystem("wye-valley-nhs-trust-feed");
    private static final String COUNCIL_NAME = "A council whose system takes notices at an endpoint";
    private static final WireMockServer PARTNERS = MashHub.Settings.PARTNERS;

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    WebApplicationContext context;

    private Http http;
    private LocalDate today;

    @BeforeEach
    void setUp() {
        http = new Http(port);
        today = LocalDate.now(LONDON);
        FHIR.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
    }

    @Test
    void anEdSystemFindsTheFlagOfAChildOnAPlanAndTheCouncilIsToldOnceThatDay() {
        String nhs = ChildIdentifiers.nhsNumber();
        String family = family();
        String plan = "CPP-" + UUID.randomUUID();
        council(record(plan, "child-protection-plan", child("Robin", family, nhs), "2026-09-14", null));

        // Two ED clinicians ask at the same moment, the second with the chained form HAPI's client writes.
        IGenericClient ed = client(TRUST, "SDS-555123");
        CompletableFuture<Bundle> first = CompletableFuture.supplyAsync(() -> byModifier(ed, nhs));
        CompletableFuture<Bundle> second = CompletableFuture.supplyAsync(() -> ed.search().forResource(Flag.class)
                .where(Flag.PATIENT.hasChainedProperty(Patient.IDENTIFIER.exactly().systemAndIdentifier(NHS, nhs)))
                .returnBundle(Bundle.class).execute());
        Bundle answer = first.join();
        assertThat(second.join().getTotal()).isEqualTo(1);

        // One flag: the plan, from its start date 2026-09-14 (as the council sent it), by the council.
        assertThat(answer.getType()).isEqualTo(Bundle.BundleType.SEARCHSET);
        assertThat(answer.getTotal()).isEqualTo(1);
        Flag flag = (Flag) answer.getEntryFirstRep().getResource();
        assertThat(flag.getStatus()).isEqualTo(Flag.FlagStatus.ACTIVE);
        assertThat(flag.getCode().getCodingFirstRep().getSystem()).isEqualTo("urn:safeguarding-hub:fhir:CodeSystem:protection-flag");
        assertThat(flag.getCode().getCodingFirstRep().getCode()).isEqualTo("child-protection-plan");
        assertThat(flag.getCategoryFirstRep().getCodingFirstRep().getCode()).isEqualTo("safety");
        assertThat(flag.getPeriod().getStartElement().getValueAsString()).isEqualTo("2026-09-14");
        assertThat(flag.getSubject().getIdentifier().getValue()).isEqualTo(nhs);
        assertThat(flag.getAuthor().getDisplay()).isEqualTo(COUNCIL_NAME);
        Organization author = (Organization) flag.getContained().get(0);
        assertThat(author.getIdentifierFirstRep().getValue()).isEqualTo("test-council");
        assertThat(author.getContactFirstRep().getTelecom()).extracting(t -> t.getValue())
                .containsExactly("01000 000001", "duty@test-council.example"); // MashHub's partners.yml
        // Nothing else about the child: no name, birth date, postcode, or the council's record id.
        assertThat(FHIR.newJsonParser().encodeResourceToString(answer)).doesNotContain("Robin").doesNotContain(family)
                .doesNotContain("2019-03-04").doesNotContain("HR4").doesNotContain(plan);

        // The same child attends the ED the same day: its attendance arrives in the health feed.
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        assertThat(attend(nhs, "Robin", family, now).getEntry().get(1).getResponse().getStatus()).isEqualTo("201 Created");

        // Two queries and an attendance on one local day, one setting: one notice to the council.
        assertThat(childSeen(nhs)).isEqualTo(1);
        LoggedRequest delivered = awaitNotice(nhs);
        JsonNode notice = JSON.readTree(delivered.getBodyAsString());
        assertThat(delivered.getHeader("X-Hub-Message-Type")).isEqualTo("child-seen");
        assertThat(notice.get("summary").asString()).startsWith("child seen at Wye Valley NHS Trust at ");
        assertThat(notice.get("setting").get("agency").asString()).isEqualTo("wye-valley-nhs-trust");
        assertThat(notice.get("how").asString()).isEqualTo("flag-query");
        assertThat(notice.get("localDate").asString()).isEqualTo(today.toString());
        assertThat(notice.get("yourRecords").get(0).get("recordId").asString()).isEqualTo(plan);
        assertThat(delivered.getBodyAsString()).doesNotContain("Robin").doesNotContain(family).doesNotContain("HR4");
        sleep(500); // the outbox polls every 100 ms: a second notice would have arrived by now
        assertThat(noticesAbout(nhs)).hasSize(1);

        // The audit trail shows both queries: the trust, the practitioner named in the request, direct care.
        Bundle trail = client(TestTokens.staff("audrey", "auditor", "herefordshire"), null).search()
                .forResource(AuditEvent.class).where(new StringClientParam("agent-name")
                        .matches().value("wye-valley-nhs-trust-feed/practitioner SDS-555123"))
                .returnBundle(Bundle.class).execute();
        List<AuditEvent> queries = trail.getEntry().stream().map(e -> (AuditEvent) e.getResource())
                .filter(e -> e.getOutcomeDesc().equals("flag-query"))
                .filter(e -> e.getEntityFirstRep().getWhat().getIdentifier().getValue() != null)
                .filter(e -> e.getEntityFirstRep().getWhat().getIdentifier().getValue().equals(childOf(plan)))
                .toList();
        assertThat(queries).hasSize(2);
        assertThat(queries.get(0).getPurposeOfEventFirstRep().getText()).isEqualTo("direct-care");
    }

    @Test
    void noFlagIsKnownForAnotherChildAChildKnownOnlyByDemographicsOrAPlanThatEndedYesterday() {
        IGenericClient ed = client(TRUST, null);
        // Another child: an NHS number the hub has never been sent.
        assertThat(byModifier(ed, ChildIdentifiers.nhsNumber()).getTotal()).isZero();

        // Known only by demographics: the council's plan names no NHS number. The trust's attendance
        // carries one, with the same names, birth date and postcode: the hub links it to the child (a
        // confident demographic match) and keeps the number, but a flag resting on that would be a guess.
        String family = family();
        String plan = "CPP-" + UUID.randomUUID();
        council(record(plan, "child-protection-plan", child("Sky", family, null), "2026-09-14", null));
        String nhs = ChildIdentifiers.nhsNumber();
        attend(nhs, "Sky", family, Instant.now().truncatedTo(ChronoUnit.SECONDS));
        assertThat(jdbc.sql("SELECT child_id::text FROM health_event WHERE child_id::text = ?").param(childOf(plan))
                .query(String.class).list()).as("the attendance is linked to the child on the plan").hasSize(1);
        assertThat(byModifier(ed, nhs).getTotal()).isZero();
        assertThat(childSeen(nhs)).as("nor is the council told").isZero();

        // A plan that ended yesterday is not current; a period in care ending today still is (the end
        // date is its last day, Europe/London).
        String ended = ChildIdentifiers.nhsNumber();
        council(record("CPP-" + UUID.randomUUID(), "child-protection-plan", child("Ash", family(), ended), "2026-01-05",
                today.minusDays(1).toString()));
        assertThat(byModifier(ed, ended).getTotal()).isZero();
        String inCare = ChildIdentifiers.nhsNumber();
        council(record("PIC-" + UUID.randomUUID(), "period-in-care", child("Rowan", family(), inCare), "2026-10-01",
                today.toString()));
        Bundle lookedAfter = byModifier(ed, inCare);
        assertThat(lookedAfter.getTotal()).isEqualTo(1);
        Flag flag = (Flag) lookedAfter.getEntryFirstRep().getResource();
        assertThat(flag.getCode().getCodingFirstRep().getCode()).isEqualTo("looked-after");
        assertThat(flag.getPeriod().getStartElement().getValueAsString()).isEqualTo("2026-10-01");
    }

    @Test
    void anAttendanceRaisesANoticeOnlyByTheNhsNumberItCarriedItself() {
        // A child on a plan, known to the hub by the council's verified NHS number.
        String nhs = ChildIdentifiers.nhsNumber();
        String family = family();
        String plan = "CPP-" + UUID.randomUUID();
        council(record(plan, "child-protection-plan", child("Wren", family, nhs), "2026-09-14", null));
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

        // An attendance with no NHS number, the same names, birth date and postcode: linked to the child
        // (a confident demographic match), but that is no ground to tell the council.
        attend(null, "Wren", family, now);
        assertThat(jdbc.sql("SELECT count(*) FROM health_event WHERE child_id::text = ?").param(childOf(plan))
                .query(Long.class).single()).as("the attendance is linked to the child on the plan").isEqualTo(1);
        // One with another NHS number and the same demographics: another child (never merged on demographics).
        String other = ChildIdentifiers.nhsNumber();
        attend(other, "Wren", family, now);
        assertThat(childSeen(nhs)).as("no notice on a demographic match").isZero();
        assertThat(childSeen(other)).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM outbox WHERE message_type = 'child-seen' AND idempotency_key LIKE ?")
                .param("%" + childOf(plan) + "%").query(Long.class).single()).isZero();

        // The child's own NHS number on the attendance: exactly one notice, saying so.
        attend(nhs, "Wren", family, now.plusSeconds(60));
        assertThat(childSeen(nhs)).isEqualTo(1);
        JsonNode notice = JSON.readTree(awaitNotice(nhs).getBodyAsString());
        assertThat(notice.get("how").asString()).isEqualTo("ed-attendance");
        assertThat(notice.get("nhsNumber").asString()).isEqualTo(nhs);
        assertThat(notice.get("yourRecords").get(0).get("recordId").asString()).isEqualTo(plan);
        sleep(500); // the outbox polls every 100 ms: a second notice would have arrived by now
        assertThat(noticesAbout(nhs)).hasSize(1);
    }

    @Test
    void theDedupDayIsTheLocalDayInEuropeLondon() {
        String nhs = ChildIdentifiers.nhsNumber();
        String family = family();
        council(record("CPP-" + UUID.randomUUID(), "child-protection-plan", child("Kit", family, nhs), "2026-01-05", null));
        // 1 July 2026 is in British Summer Time (UTC+1). 22:59Z is 23:59 on 1 July in London; 23:01Z is
        // 00:01 on 2 July; 00:30Z is 01:30 on 1 July. All three are the same UTC day, two London days:
        // two notices, not one (nor three).
        attend(nhs, "Kit", family, Instant.parse("2026-07-01T22:59:00Z"));
        attend(nhs, "Kit", family, Instant.parse("2026-07-01T23:01:00Z"));
        attend(nhs, "Kit", family, Instant.parse("2026-07-01T00:30:00Z"));
        assertThat(jdbc.sql("SELECT payload->>'localDate' FROM outbox WHERE message_type = 'child-seen' AND payload->>'nhsNumber' = ? ORDER BY 1")
                .param(nhs).query(String.class).list()).containsExactly("2026-07-01", "2026-07-02");
        assertThat(jdbc.sql("SELECT payload->>'localTime' FROM outbox WHERE message_type = 'child-seen' AND payload->>'nhsNumber' = ? ORDER BY 1")
                .param(nhs).query(String.class).list()).containsExactly("00:01", "23:59");
    }

    @Test
    void theMashSeesEachNoticeOnTheChildSeenPageWithWhatRaisedItAndALinkToTheChildsTimeline() {
        String nhs = ChildIdentifiers.nhsNumber();
        String family = family();
        council(record("CPP-" + UUID.randomUUID(), "child-protection-plan", child("Noor", family, nhs), "2026-09-14", null));
        // Yesterday's ED attendance (health feed) and today's flag query: two local days, two notices.
        Instant yesterday = Instant.now().minus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS);
        attend(nhs, "Noor", family, yesterday);
        assertThat(byModifier(client(TRUST, "SDS-555124"), nhs).getTotal()).isEqualTo(1);
        assertThat(childSeen(nhs)).isEqualTo(2);
        // The trust then refers the child to the MASH (same names, birth date, postcode: the same child).
        UUID contact = referral("Noor", family);

        String page = PageSession.page(context, TestTokens.staff("alice", "mash-lead", "herefordshire"),
                "/pages/mash/child-seen", "herefordshire");
        List<String> rows = Arrays.stream(page.split("<tr ")).filter(r -> r.contains(family)).toList();
        assertThat(rows).hasSize(2);
        // Newest first: today's query, then yesterday's attendance; both at the trust, to the council.
        assertThat(rows.get(0)).contains("Flag query").contains("Wye Valley NHS Trust").contains(COUNCIL_NAME);
        assertThat(rows.get(1)).contains("ED attendance (health feed)").contains("Wye Valley NHS Trust")
                .contains(new Times().show(yesterday)); // "EEE d MMM HH:mm", London time
        assertThat(rows).allSatisfy(r -> assertThat(r).contains("/pages/mash/contacts/" + contact
                + "?partnership=herefordshire#timeline-caption\">Noor " + family + "</a>"));
        // The read is audited.
        assertThat(jdbc.sql("SELECT count(*) FROM audit_event WHERE action = 'child-seen-notices-read' AND entity_id = 'herefordshire' AND role = 'mash-lead'")
                .query(Long.class).single()).isPositive();
    }

    @Test
    void outsideTheAgreementOrWithoutATokenTheQueryIsRefusedAndAMalformedNhsNumberNamesTheParameter() {
        String nhs = ChildIdentifiers.nhsNumber();
        // A police system (not a health agency), a trust without a direct-care agreement, a member of staff.
        assertRefused(() -> byModifier(client(TestTokens.partnerSystem("west-mercia-police-feed"), null), nhs),
                ForbiddenOperationException.class, "health agencies");
        assertRefused(() -> byModifier(client(TestTokens.partnerSystem("other-trust-feed"), null), nhs),
                ForbiddenOperationException.class, "shares: [direct-care]");
        assertRefused(() -> byModifier(client(TestTokens.staff("alice", "mash-lead", "herefordshire"), null), nhs),
                ForbiddenOperationException.class, "role");
        assertRefused(() -> byModifier(client(null, null), nhs), AuthenticationException.class, "");
        assertThat(jdbc.sql("SELECT count(*) FROM audit_event WHERE action = 'flag-query-refused' AND actor = 'other-trust-feed'")
                .query(Long.class).single()).isPositive();

        // 9434765919 is valid (NHS England's example); 9434765918 has a wrong check digit.
        String bad = "9434765918";
        BaseServerResponseException malformed = assertRefused(() -> byModifier(client(TRUST, null), bad),
                InvalidRequestException.class, "check digit");
        assertThat(expression(malformed)).containsExactly("patient:identifier");
        assertThat(expression(assertRefused(() -> client(TRUST, null).search().forResource(Flag.class)
                .returnBundle(Bundle.class).execute(), InvalidRequestException.class, "is required")))
                .containsExactly("patient:identifier");
        assertThat(expression(assertRefused(() -> client(TRUST, null).search().forResource(Flag.class)
                .whereMap(Map.of("patient:identifier", List.of("urn:other|" + nhs))).returnBundle(Bundle.class).execute(),
                InvalidRequestException.class, "NHS number system"))).containsExactly("patient:identifier");
        HttpResponse<String> raw = http.get("/fhir/Flag?patient:identifier=" + NHS + "%7C" + nhs, TRUST);
        assertThat(raw.statusCode()).isEqualTo(200);

        // The CapabilityStatement (no token needed) lists the search and its one parameter.
        CapabilityStatement capabilities = client(null, null).capabilities().ofType(CapabilityStatement.class).execute();
        assertThat(capabilities.getRestFirstRep().getResource().stream().filter(r -> r.getType().equals("Flag"))
                .flatMap(r -> r.getSearchParam().stream()).map(p -> p.getName())).containsExactly("patient", "status");
    }

    @Test
    void everyRefusedQueryIsAuditedAsAFailureNamingWhoAskedAndWhy() {
        String nhs = ChildIdentifiers.nhsNumber();
        String practitioner = "SDS-" + UUID.randomUUID().toString().substring(0, 8);
        String trustActor = "wye-valley-nhs-trust-feed/practitioner " + practitioner;
        // The trust's clinician: a wrong check digit (400), then a well-formed query (answered).
        assertRefused(() -> byModifier(client(TRUST, practitioner), "9434765918"), InvalidRequestException.class,
                "check digit");
        assertThat(byModifier(client(TRUST, practitioner), nhs).getTotal()).isZero();
        // A member of staff asks: refused by role (403).
        String staff = "flags-" + UUID.randomUUID().toString().substring(0, 8);
        assertRefused(() -> byModifier(client(TestTokens.staff(staff, "mash-lead", "herefordshire"), null), nhs),
                ForbiddenOperationException.class, "role");
        // A practitioner header the hub refuses (400): audited under the system alone.
        assertThat(expression(assertRefused(() -> byModifier(client(TRUST, "-" + practitioner), nhs),
                InvalidRequestException.class, "X-Practitioner-Id"))).containsExactly("X-Practitioner-Id");

        // The trail: outcome 4 (minor failure) for each refusal, 0 for the answered query; agency, role, purpose.
        List<AuditEvent> trust = audited(trustActor);
        assertThat(trust).extracting(AuditEvent::getOutcomeDesc)
                .containsExactly("flag-query-refused-malformed", "flag-query");
        assertThat(trust).extracting(e -> e.getOutcome().toCode()).containsExactly("4", "0");
        assertThat(trust).allSatisfy(e -> {
            assertThat(e.getPurposeOfEventFirstRep().getText()).isEqualTo("direct-care");
            assertThat(e.getAgentFirstRep().getRoleFirstRep().getText()).isEqualTo("partner-system");
            assertThat(e.getAgentFirstRep().getExtensionFirstRep().getValue().primitiveValue())
                    .isEqualTo("wye-valley-nhs-trust");
        });
        List<AuditEvent> person = audited(staff);
        assertThat(person).extracting(AuditEvent::getOutcomeDesc).containsExactly("flag-query-refused");
        assertThat(person.get(0).getOutcome().toCode()).isEqualTo("4");
        assertThat(person.get(0).getAgentFirstRep().getRoleFirstRep().getText()).isEqualTo("mash-lead");
        assertThat(audited("wye-valley-nhs-trust-feed")).filteredOn(e -> e.getOutcomeDesc().startsWith("flag-query-refused"))
                .isNotEmpty().allSatisfy(e -> assertThat(e.getOutcome().toCode()).isEqualTo("4"));
        // A trust without a direct-care agreement: refused (403) and audited as a failure.
        assertRefused(() -> byModifier(client(TestTokens.partnerSystem("other-trust-feed"), null), nhs),
                ForbiddenOperationException.class, "shares: [direct-care]");
        assertThat(audited("other-trust-feed")).filteredOn(e -> e.getOutcomeDesc().startsWith("flag-query"))
                .isNotEmpty().allSatisfy(e -> {
            assertThat(e.getOutcomeDesc()).isEqualTo("flag-query-refused");
            assertThat(e.getOutcome().toCode()).isEqualTo("4");
        });
    }

    @Test
    void aSearchHonoursStatusAndCountAndEachEntrysFullUrlReadsTheFlag() {
        // A child on a plan (from 2026-09-14) and in care (from 2026-10-01): two flags, in that order.
        String nhs = ChildIdentifiers.nhsNumber();
        String family = family();
        String plan = "CPP-" + UUID.randomUUID();
        council(record(plan, "child-protection-plan", child("Lark", family, nhs), "2026-09-14", null));
        council(record("PIC-" + UUID.randomUUID(), "period-in-care", child("Lark", family, nhs), "2026-10-01", null));
        String practitioner = "SDS-" + UUID.randomUUID().toString().substring(0, 8);
        IGenericClient ed = client(TRUST, practitioner);

        assertThat(search(ed, nhs, Map.of("status", List.of("active"))).getTotal()).isEqualTo(2);
        assertThat(search(ed, nhs, Map.of("status", List.of("http://hl7.org/fhir/flag-status|active,inactive"))).getTotal())
                .isEqualTo(2);
        // Inactive: the hub shares flags in force only, and says so in an outcome entry.
        Bundle inactive = search(ed, nhs, Map.of("status", List.of("inactive")));
        assertThat(inactive.getTotal()).isZero();
        assertThat(inactive.getEntry()).hasSize(1);
        assertThat(inactive.getEntryFirstRep().getSearch().getMode()).isEqualTo(Bundle.SearchEntryMode.OUTCOME);
        assertThat(((OperationOutcome) inactive.getEntryFirstRep().getResource()).getIssueFirstRep().getDiagnostics())
                .contains("in force only");
        // Asking for active and for inactive (two status parameters: both must hold) finds none either.
        assertThat(search(ed, nhs, Map.of("status", List.of("active", "inactive"))).getTotal()).isZero();
        for (List<String> bad : List.of(List.of("closed"), List.of("active,"), List.of("inactive", "closed"))) {
            assertThat(expression(assertRefused(() -> search(ed, nhs, Map.of("status", bad)),
                    InvalidRequestException.class, "status takes"))).containsExactly("status");
        }
        assertThat(expression(assertRefused(() -> search(ed, nhs, Map.of("category", List.of("safety"))),
                InvalidRequestException.class, "Unknown search parameter 'category'"))).containsExactly("category");

        // _count: a page of one, then the next; a bad _count is a 400 naming it.
        Bundle first = search(ed, nhs, Map.of("_count", List.of("1")));
        assertThat(first.getTotal()).isEqualTo(2);
        assertThat(first.getEntry()).extracting(e -> ((Flag) e.getResource()).getCode().getCodingFirstRep().getCode())
                .containsExactly("child-protection-plan");
        Bundle second = ed.loadPage().next(first).execute();
        assertThat(second.getEntry()).extracting(e -> ((Flag) e.getResource()).getCode().getCodingFirstRep().getCode())
                .containsExactly("looked-after");
        assertThat(second.getLink("next")).isNull();
        for (String bad : List.of("abc", "0", "-1", "101", "1.5")) {
            assertThat(expression(assertRefused(() -> search(ed, nhs, Map.of("_count", List.of(bad))),
                    InvalidRequestException.class, "_count must be a whole number from 1 to 100"))).containsExactly("_count");
        }

        // The fullUrl of an entry reads the flag, under the same rules.
        String fullUrl = first.getEntryFirstRep().getFullUrl();
        Flag read = ed.read().resource(Flag.class).withUrl(fullUrl).execute();
        assertThat(read.getCode().getCodingFirstRep().getCode()).isEqualTo("child-protection-plan");
        assertThat(read.getPeriod().getStartElement().getValueAsString()).isEqualTo("2026-09-14");
        assertThat(read.getSubject().getIdentifier().getValue()).isEqualTo(nhs);
        assertThat(read.getAuthor().getDisplay()).isEqualTo(COUNCIL_NAME);
        assertThat(FHIR.newJsonParser().encodeResourceToString(read)).doesNotContain("Lark").doesNotContain(family)
                .doesNotContain(plan);
        assertRefused(() -> client(TestTokens.partnerSystem("other-trust-feed"), null).read().resource(Flag.class)
                .withUrl(fullUrl).execute(), ForbiddenOperationException.class, "shares: [direct-care]");
        assertRefused(() -> client(TestTokens.staff("alice", "mash-lead", "herefordshire"), null).read().resource(Flag.class)
                .withUrl(fullUrl).execute(), ForbiddenOperationException.class, "role");
        // An unknown id, no id of ours, and a plan that has ended: 404, nothing said about them.
        String ended = "CPP-" + UUID.randomUUID();
        council(record(ended, "child-protection-plan", child("Fern", family(), ChildIdentifiers.nhsNumber()), "2026-01-05",
                today.minusDays(1).toString()));
        String endedId = jdbc.sql("SELECT id::text FROM child_protection_plan WHERE partner_record_id = ?").param(ended)
                .query(String.class).single();
        for (String id : List.of(UUID.randomUUID().toString(), "not-a-flag", endedId)) {
            assertRefused(() -> ed.read().resource(Flag.class).withId(id).execute(), ResourceNotFoundException.class,
                    "no flag in force");
        }

        // Reads are audited: the answered one naming the child, the unknown ones as failures.
        List<AuditEvent> reads = audited("wye-valley-nhs-trust-feed/practitioner " + practitioner).stream()
                .filter(e -> e.getOutcomeDesc().startsWith("flag-read")).toList();
        assertThat(reads).extracting(AuditEvent::getOutcomeDesc).containsExactly("flag-read",
                "flag-read-refused-unknown-id", "flag-read-refused-unknown-id", "flag-read-refused-unknown-id");
        assertThat(reads).extracting(e -> e.getOutcome().toCode()).containsExactly("0", "4", "4", "4");
        assertThat(reads.get(0).getEntityFirstRep().getWhat().getIdentifier().getValue()).isEqualTo(childOf(plan));
        // Every search above is audited as a query, the refused ones as failures.
        assertThat(audited("wye-valley-nhs-trust-feed/practitioner " + practitioner)).extracting(AuditEvent::getOutcomeDesc)
                .filteredOn(a -> a.startsWith("flag-query")).hasSize(15)
                .filteredOn(a -> a.equals("flag-query-refused-malformed")).hasSize(9);
    }

    // --- the partners' side -------------------------------------------------------------------------

    private IGenericClient client(String token, String practitioner) {
        IGenericClient client = FHIR.newRestfulGenericClient("http://localhost:" + port + "/fhir");
        if (token != null) {
            client.registerInterceptor(new BearerTokenAuthInterceptor(token));
        }
        if (practitioner != null) {
            AdditionalRequestHeadersInterceptor headers = new AdditionalRequestHeadersInterceptor();
            headers.addHeaderValue("X-Practitioner-Id", practitioner);
            client.registerInterceptor(headers);
        }
        return client;
    }

    /** The audit trail's entries by {@code actor}, oldest first, as an auditor reads them over FHIR. */
    private List<AuditEvent> audited(String actor) {
        Bundle trail = client(TestTokens.staff("audrey", "auditor", "herefordshire"), null).search()
                .forResource(AuditEvent.class).where(new StringClientParam("agent-name").matches().value(actor))
                .count(500).returnBundle(Bundle.class).execute();
        return trail.getEntry().stream().map(e -> (AuditEvent) e.getResource())
                .sorted(java.util.Comparator.comparingLong(e -> Long.parseLong(e.getIdPart()))).toList();
    }

    private static Bundle search(IGenericClient client, String nhs, Map<String, List<String>> more) {
        Map<String, List<String>> parameters = new java.util.LinkedHashMap<>(more);
        parameters.put("patient:identifier", List.of(NHS + "|" + nhs));
        return client.search().forResource(Flag.class).whereMap(parameters).returnBundle(Bundle.class).execute();
    }

    private static Bundle byModifier(IGenericClient client, String nhs) {
        return client.search().forResource(Flag.class).whereMap(Map.of("patient:identifier", List.of(NHS + "|" + nhs)))
                .returnBundle(Bundle.class).execute();
    }

    /** Letters only (a name): each hex digit of a random id as a letter a-p. */
    private static String family() {
        return "Flag" + UUID.randomUUID().toString().replace("-", "").substring(0, 8).chars()
                .map(c -> 'a' + Character.digit(c, 16))
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append);
    }

    private static String child(String given, String family, String nhs) {
        return """
                {"givenName": "%s", "familyName": "%s", "dateOfBirth": "2019-03-04", "postcode": "HR4 9AB"%s}"""
                .formatted(given, family, nhs == null ? "" : ", \"nhsNumber\": \"" + nhs + "\"");
    }

    private static String record(String id, String type, String child, String startedOn, String endedOn) {
        return """
                {"recordId": "%s", "type": "%s", "child": %s, "startedOn": "%s"%s}""".formatted(id, type, child, startedOn,
                endedOn == null ? "" : ", \"endedOn\": \"" + endedOn + "\"");
    }

    private void council(String record) {
        HttpResponse<String> reply = http.post("/api/v1/intake/social-care", COUNCIL,
                "{\"messageId\": \"tc-" + UUID.randomUUID() + "\", \"records\": [" + record + "]}");
        assertThat(reply.statusCode()).as(reply.body()).isEqualTo(201);
        assertThat(JSON.readTree(reply.body()).get("accepted").asInt()).as(reply.body()).isEqualTo(1);
    }

    /** The trust's ED attendance (Encounter class EMER) at {@code at}, as a FHIR transaction; {@code nhs} may be null. */
    private Bundle attend(String nhs, String given, String family, Instant at) {
        Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        Patient patient = new Patient().setGender(Enumerations.AdministrativeGender.FEMALE)
                .setBirthDate(Date.from(Instant.parse("2019-03-04T12:00:00Z")));
        if (nhs != null) {
            patient.addIdentifier().setSystem(NHS).setValue(nhs);
        }
        patient.addName().setFamily(family).addGiven(given);
        patient.addAddress().setPostalCode("HR4 9AB");
        String patientUrl = "urn:uuid:" + UUID.randomUUID();
        bundle.addEntry().setFullUrl(patientUrl).setResource(patient).getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Patient");
        Encounter encounter = new Encounter().setStatus(Encounter.EncounterStatus.FINISHED)
                .setClass_(new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "EMER", null))
                .setSubject(new Reference(patientUrl));
        encounter.setId("ED-" + UUID.randomUUID());
        encounter.getPeriod().setStart(Date.from(at));
        bundle.addEntry().setFullUrl("urn:uuid:" + UUID.randomUUID()).setResource(encounter).getRequest()
                .setMethod(Bundle.HTTPVerb.POST).setUrl("Encounter");
        Bundle answer = client(TRUST, null).transaction().withBundle(bundle).execute();
        assertThat(answer.getEntry().get(1).getResponse().getStatus()).isEqualTo("201 Created");
        return answer;
    }

    /** A MARF referral by the trust: the contact's id. */
    private UUID referral(String given, String family) {
        HttpResponse<String> receipt = http.post("/api/v1/intake/marf", TRUST, """
                {"formId": "WVT-SEEN-%s", "referrer": {"name": "Dr Ruth Lane"},
                 "child": {"givenName": "%s", "familyName": "%s", "dateOfBirth": "2019-03-04", "postcode": "HR4 9AB"},
                 "concerns": "Seen twice in two days.", "levelOfNeed": 3, "consent": {"status": "given"}}"""
                .formatted(UUID.randomUUID(), given, family));
        assertThat(receipt.statusCode()).as(receipt.body()).isEqualTo(201);
        return UUID.fromString(JSON.readTree(receipt.body()).get("outcomes").get(0).get("recordId").asString());
    }

    private String childOf(String councilRecordId) {
        return jdbc.sql("SELECT child_id::text FROM child_protection_plan WHERE partner_record_id = ?")
                .param(councilRecordId).query(String.class).single();
    }

    private long childSeen(String nhs) {
        return jdbc.sql("SELECT count(*) FROM outbox WHERE message_type = 'child-seen' AND payload->>'nhsNumber' = ?")
                .param(nhs).query(Long.class).single();
    }

    private static List<LoggedRequest> noticesAbout(String nhs) {
        return PARTNERS.findAll(postRequestedFor(urlEqualTo("/notices/test-council"))).stream()
                .filter(r -> r.getBodyAsString().contains(nhs)).toList();
    }

    private static LoggedRequest awaitNotice(String nhs) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (noticesAbout(nhs).isEmpty()) {
            assertThat(Instant.now()).as("waiting for the council's notice").isBefore(deadline);
            sleep(50);
        }
        return noticesAbout(nhs).get(0);
    }

    private static <T extends BaseServerResponseException> BaseServerResponseException assertRefused(
            Runnable call, Class<T> kind, String saying) {
        try {
            call.run();
        } catch (BaseServerResponseException refused) {
            assertThat(refused).isInstanceOf(kind);
            OperationOutcome outcome = (OperationOutcome) refused.getOperationOutcome();
            assertThat(outcome).as("an OperationOutcome").isNotNull();
            assertThat(outcome.getIssueFirstRep().getDiagnostics()).contains(saying);
            return refused;
        }
        throw new AssertionError("not refused");
    }

    private static List<String> expression(BaseServerResponseException refused) {
        return ((OperationOutcome) refused.getOperationOutcome()).getIssueFirstRep().getExpression().stream()
                .map(StringType::getValue).toList();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
