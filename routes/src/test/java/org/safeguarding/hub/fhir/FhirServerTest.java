package org.safeguarding.hub.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import ca.uhn.fhir.rest.server.exceptions.AuthenticationException;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.safeguarding.hub.support.ChildIdentifiers;
import org.safeguarding.hub.support.HubIntegrationTest;
import org.safeguarding.hub.support.RawHttp;
import org.safeguarding.hub.support.TestTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The FHIR interface as a trust's integration engine uses it: HAPI's generic client against the
 * running hub over HTTP with the trust's token (client wye-valley-nhs-trust-feed, which has the
 * health agreement and serves Herefordshire, where HR4 9AB is).
 */
@HubIntegrationTest
class FhirServerTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final String TRUST = TestTokens.partnerSystem("wye-valley-nhs-trust-feed");

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    private String base;

    @BeforeEach
    void base() {
        base = "http://localhost:" + port + "/fhir";
        FHIR.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
    }

    private IGenericClient client(String token) {
        IGenericClient client = FHIR.newRestfulGenericClient(base);
        if (token != null) {
            client.registerInterceptor(new BearerTokenAuthInterceptor(token));
        }
        return client;
    }

    @Test
    void theCapabilityStatementListsWhatTheHubSupportsAndNeedsNoToken() {
        CapabilityStatement capabilities = client(null).capabilities().ofType(CapabilityStatement.class).execute();

        CapabilityStatement.CapabilityStatementRestComponent rest = capabilities.getRestFirstRep();
        assertThat(rest.getResource()).extracting(CapabilityStatement.CapabilityStatementRestResourceComponent::getType)
                .contains("AuditEvent", "Bundle", "Measure", "MeasureReport");
        assertThat(rest.getInteraction()).extracting(i -> i.getCode().toCode()).contains("transaction", "batch");
        assertThat(resource(rest, "MeasureReport").getSearchParam()).extracting(p -> p.getName())
                .contains("subject", "period", "measure");
        assertThat(resource(rest, "Measure").getInteraction()).extracting(i -> i.getCode().toCode()).contains("read");
        assertThat(capabilities.getFormat()).extracting(f -> f.getValue()).anyMatch(f -> f.contains("xml"));
        // Who the hub is, how to authenticate, and what is really served (the outside trial of 1 December 2026).
        assertThat(capabilities.getName()).isEqualTo("SafeguardingPartnershipDataHub");
        assertThat(capabilities.getTitle()).isNotBlank();
        assertThat(capabilities.getPublisher()).isNotBlank();
        assertThat(capabilities.getSoftware().getName()).isEqualTo("Safeguarding partnership data hub");
        assertThat(capabilities.getSoftware().getVersion()).isNotBlank();
        assertThat(rest.getSecurity().getServiceFirstRep().getCodingFirstRep().getCode()).isEqualTo("OAuth");
        assertThat(rest.getSecurity().getDescription()).contains("Bearer", "partner-system", "auditor");
        assertThat(rest.getDocumentation()).contains("not all-or-nothing");
        assertThat(resource(rest, "Flag").getSearchParam()).extracting(p -> p.getName()).contains("patient");
        assertThat(resource(rest, "AuditEvent").getSearchParam()).extracting(p -> p.getName()).contains("date", "agent-name");
        assertThat(resource(rest, "Bundle").getOperation()).extracting(o -> o.getName()).contains("validate");
    }

    private static CapabilityStatement.CapabilityStatementRestResourceComponent resource(
            CapabilityStatement.CapabilityStatementRestComponent rest, String type) {
        return rest.getResource().stream().filter(r -> r.getType().equals(type)).findFirst().orElseThrow();
    }

    @Test
    void aTransactionIsAnsweredEntryByEntryWithTheReceiptAndAnOperationOutcomeForTheRejectedEntry() {
        String ed = "F1-" + UUID.randomUUID(), outpatient = "F1-" + UUID.randomUUID();
        Bundle sent = transaction(Bundle.BundleType.TRANSACTION, ed, outpatient);

        Bundle answer = client(TRUST).transaction().withBundle(sent).execute();

        // Entry 0 the Patient (read, not stored as a resource), 1 the ED attendance (class EMER: stored),
        // 2 the outpatient encounter (class AMB: rejected on Encounter.class, docs/feeds/health-fhir-mapping.md).
        assertThat(answer.getType()).isEqualTo(Bundle.BundleType.TRANSACTIONRESPONSE);
        assertThat(answer.getEntry()).extracting(e -> e.getResponse().getStatus())
                .containsExactly("200 OK", "201 Created", "422 Unprocessable Entity");
        OperationOutcome rejected = (OperationOutcome) answer.getEntry().get(2).getResponse().getOutcome();
        assertThat(rejected.getIssueFirstRep().getSeverity()).isEqualTo(OperationOutcome.IssueSeverity.ERROR);
        assertThat(rejected.getIssueFirstRep().getExpression()).extracting(StringType::getValue).containsExactly("Encounter.class");
        assertThat(rejected.getIssueFirstRep().getDiagnostics()).contains("only emergency encounters (class EMER)");
        // The receipt travels in the answer and is the one the hub stored the message under.
        String receipt = answer.getIdentifier().getValue();
        assertThat(answer.getIdentifier().getSystem()).isEqualTo("urn:safeguarding-hub:receipt");
        assertThat(answer.getLink("receipt").getUrl()).isEqualTo("/api/v1/intake/receipts/" + receipt);
        assertThat(jdbc.sql("SELECT accepted_count || '/' || rejected_count FROM inbound_message WHERE receipt_id = ?::uuid")
                .param(receipt).query(String.class).single()).isEqualTo("1/1");
        assertThat(healthEvents(ed)).isEqualTo(1);
        assertThat(quarantined(outpatient)).isEqualTo(1);

        // Sent again: the original receipt, tagged resent, nothing stored twice.
        Bundle again = client(TRUST).transaction().withBundle(sent).execute();
        assertThat(again.getIdentifier().getValue()).isEqualTo(receipt);
        assertThat(again.getMeta().getTag()).extracting(Coding::getCode).contains("resent");
        assertThat(healthEvents(ed)).isEqualTo(1);
    }

    @Test
    void aBatchInXmlIsAnsweredInXmlWithABatchResponse() {
        String ed = "F2-" + UUID.randomUUID(), outpatient = "F2-" + UUID.randomUUID();
        IGenericClient client = client(TRUST);
        client.setEncoding(EncodingEnum.XML);

        Bundle answer = client.transaction().withBundle(transaction(Bundle.BundleType.BATCH, ed, outpatient)).execute();

        assertThat(answer.getType()).isEqualTo(Bundle.BundleType.BATCHRESPONSE);
        assertThat(answer.getEntry()).extracting(e -> e.getResponse().getStatus())
                .containsExactly("200 OK", "201 Created", "422 Unprocessable Entity");
        assertThat(healthEvents(ed)).isEqualTo(1);
    }

    @Test
    void formatsAreNegotiatedByAcceptAndByFormatParameter() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> byParameter = http.send(HttpRequest.newBuilder(URI.create(base + "/metadata?_format=xml"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(byParameter.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/fhir+xml"));
        assertThat(byParameter.body()).contains("<CapabilityStatement");
        HttpResponse<String> byAccept = http.send(HttpRequest.newBuilder(URI.create(base + "/AuditEvent?_count=1"))
                .header("Accept", "application/fhir+xml").header("Authorization", "Bearer "
                        + TestTokens.staff("fhir-auditor", "auditor", "herefordshire")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(byAccept.statusCode()).isEqualTo(200);
        assertThat(byAccept.body()).startsWith("<Bundle");
        HttpResponse<String> json = http.send(HttpRequest.newBuilder(URI.create(base + "/metadata"))
                .header("Accept", "application/fhir+json").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(json.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/fhir+json"));
    }

    @Test
    void validateChecksTheHubsRulesAndStoresNothing() {
        String ed = "F3-" + UUID.randomUUID(), outpatient = "F3-" + UUID.randomUUID();
        int messages = count("inbound_message"), quarantine = count("quarantine");

        MethodOutcome validated = client(TRUST).validate().resource(transaction(Bundle.BundleType.TRANSACTION, ed, outpatient))
                .execute();

        OperationOutcome outcome = (OperationOutcome) validated.getOperationOutcome();
        // One error (the outpatient encounter) and the counts: 2 records, 1 would be accepted, 1 rejected.
        assertThat(outcome.getIssue()).filteredOn(i -> i.getSeverity() == OperationOutcome.IssueSeverity.ERROR)
                .singleElement().satisfies(i -> assertThat(i.getExpression()).extracting(StringType::getValue)
                        .containsExactly("Encounter.class"));
        assertThat(outcome.getIssue()).last().satisfies(i -> assertThat(i.getDiagnostics())
                .contains("nothing was stored").contains("2 record(s): 1 would be accepted, 0 already held, 1 rejected"));
        assertNothingStored(ed, outpatient, messages, quarantine);
        // The audit trail notes the dry run, under the trust's service account.
        Bundle audit = client(TestTokens.staff("fhir-auditor", "auditor", "herefordshire")).search()
                .forResource(AuditEvent.class).where(AuditEvent.AGENT_NAME.matches()
                        .value("service-account-wye-valley-nhs-trust-feed")).returnBundle(Bundle.class).execute();
        assertThat(audit.getEntry()).extracting(e -> ((AuditEvent) e.getResource()).getOutcomeDesc()).contains("intake-dry-run");
    }

    @Test
    void aDryRunTransactionAnswersAsTheRealOneWouldAndStoresNothing() throws Exception {
        String ed = "F4-" + UUID.randomUUID(), outpatient = "F4-" + UUID.randomUUID();
        int messages = count("inbound_message"), quarantine = count("quarantine");

        HttpResponse<String> reply = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "?dryRun=true"))
                .POST(HttpRequest.BodyPublishers.ofString(FHIR.newJsonParser().encodeResourceToString(
                        transaction(Bundle.BundleType.TRANSACTION, ed, outpatient))))
                .header("Content-Type", "application/fhir+json").header("Authorization", "Bearer " + TRUST).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(reply.statusCode()).as(reply.body()).isEqualTo(200);
        Bundle answer = FHIR.newJsonParser().parseResource(Bundle.class, reply.body());
        assertThat(answer.getEntry()).extracting(e -> e.getResponse().getStatus())
                .containsExactly("200 OK", "201 Created", "422 Unprocessable Entity");
        assertThat(answer.getMeta().getTag()).extracting(Coding::getCode).containsExactly("dry-run");
        assertThat(answer.hasIdentifier()).isFalse(); // no receipt: nothing was received for keeps
        assertNothingStored(ed, outpatient, messages, quarantine);
    }

    @Test
    void refusalsAreOperationOutcomesNamingTheFieldInFhirTerms() {
        // A collection is not a transaction: 400 naming Bundle.type, nothing stored.
        Bundle collection = transaction(Bundle.BundleType.COLLECTION, "F5-" + UUID.randomUUID(), "F5-" + UUID.randomUUID());
        assertThatThrownBy(() -> client(TRUST).transaction().withBundle(collection).execute())
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(expressions(e.getOperationOutcome()))
                        .containsExactly("Bundle.type"));
        // A search without its required parameter: 400 naming it.
        String viewer = TestTokens.staff("fhir-viewer", "partnership-viewer", "herefordshire");
        assertThatThrownBy(() -> client(viewer).search().forResource("MeasureReport")
                .where(new ca.uhn.fhir.rest.gclient.StringClientParam("period").matches().value("2025-26-Q1"))
                .returnBundle(Bundle.class).execute())
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(expressions(e.getOperationOutcome()))
                        .containsExactly("subject"));
        // Another partnership's figures: 403; no token: 401; a role that may not: 403. All OperationOutcomes.
        assertThatThrownBy(() -> client(viewer).search().byUrl("MeasureReport?subject=worcestershire&period=2025-26-Q1")
                .returnBundle(Bundle.class).execute())
                .isInstanceOfSatisfying(ForbiddenOperationException.class, e -> assertThat(e.getOperationOutcome()).isNotNull());
        assertThatThrownBy(() -> client(null).search().forResource(AuditEvent.class).returnBundle(Bundle.class).execute())
                .isInstanceOfSatisfying(AuthenticationException.class, e -> assertThat(e.getOperationOutcome()).isNotNull());
        assertThatThrownBy(() -> client(TRUST).search().forResource(AuditEvent.class).returnBundle(Bundle.class).execute())
                .isInstanceOf(ForbiddenOperationException.class);
    }

    @Test
    void aUrlWithBrokenPercentEncodingIsA400OperationOutcomeNotA500() throws Exception {
        // Kept from the clean-clone CI of 1 December 2026 (HostileCorpusTest shrank to the first URL):
        // "%ZZ" is not a percent-escape, so the URL cannot be decoded; HAPI's decoder threw and the hub
        // answered 500. The same holds for a broken escape in a parameter name and a truncated one ("%4"),
        // on every resource. (Escapes of bytes that are not UTF-8, "%C0%AE", decode to U+FFFD: a search
        // that matches nothing, not an error.)
        String viewer = TestTokens.staff("fhir-viewer", "partnership-viewer", "herefordshire");
        String auditor = TestTokens.staff("fhir-auditor", "auditor", "herefordshire");
        for (String[] call : new String[][]{
                {"/MeasureReport?subject=%ZZ&period=%ZZ&measure=%ZZ", viewer},
                {"/MeasureReport?subject=herefordshire&period=2025-26-Q1&measure=%4", viewer},
                {"/Measure?%ZZ=1", viewer},
                {"/AuditEvent?agent-name=%ZZ", auditor},
                {"/metadata?_format=%ZZ", null}}) {
            String answer = RawHttp.get(port, "/fhir" + call[0], call[1]);
            assertThat(answer).as(call[0]).startsWith("HTTP/1.1 400 ").containsIgnoringCase("Content-Type: application/fhir+json");
            OperationOutcome outcome = FHIR.newJsonParser().parseResource(OperationOutcome.class,
                    answer.substring(answer.indexOf("\r\n\r\n") + 4));
            assertThat(outcome.getIssueFirstRep().getDiagnostics()).as(call[0]).contains("percent-encoded");
        }
        // A token search typed as the README shows it, '|' unencoded (curl, some engines): served, not a 400
        // (kept from the outside trial of 1 December 2026). An NHS number no child has: no flag known.
        String flags = RawHttp.get(port, "/fhir/Flag?patient:identifier=https://fhir.nhs.uk/Id/nhs-number|"
                + ChildIdentifiers.nhsNumber(), TRUST);
        assertThat(flags).startsWith("HTTP/1.1 200 ").contains("\"total\":0");
        // The same in a form body (a FHIR search by POST), which Tomcat decodes for HAPI.
        String form = "subject=%ZZ&period=2025-26-Q1";
        String answer = RawHttp.exchange(port, "POST /fhir/MeasureReport/_search HTTP/1.0\r\nHost: 127.0.0.1\r\n"
                + "Authorization: Bearer " + viewer + "\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                + "Content-Length: " + form.length() + "\r\n\r\n" + form);
        assertThat(answer).startsWith("HTTP/1.1 400 ").contains("percent-encoded");
    }

    @Test
    void aTransactionEntryWithANullResourceIsA400NamingItNotA500() throws Exception {
        // Kept from the hostile corpus (seed 44631966244484): HAPI's parser threw a NullPointerException
        // stitching the entries of a Bundle whose first entry had "resource": null, and the hub answered 500.
        String body = """
                {"resourceType": "Bundle", "type": "transaction", "entry": [{"fullUrl": "urn:uuid:6f1d2f1e-7b7c-4d59-9c55-1b8a7f0c0a01",
                  "resource": null, "request": {"method": "POST", "url": "Patient"}}]}""";
        assertRefusedWholeNaming(body, "Bundle.entry.resource");
    }

    @Test
    void aTransactionEntryWhoseRequestMethodIsNoHttpMethodIsA400NamingItNotA500() throws Exception {
        // Kept from the hostile corpus (clean-clone CI of 2 December 2026): HAPI reads an entry's request.method
        // as its own enum while parsing the Bundle, threw IllegalArgumentException for "99999999999999999999999",
        // and the hub answered 500.
        String body = """
                {"resourceType": "Bundle", "type": "transaction", "entry": [{"fullUrl": "urn:uuid:6f1d2f1e-7b7c-4d59-9c55-1b8a7f0c0a01",
                  "resource": {"resourceType": "Patient"}, "request": {"method": "99999999999999999999999", "url": "Patient"}}]}""";
        assertRefusedWholeNaming(body, "Bundle.entry.request.method");
    }

    /** {@code body} posted raw to /fhir by the trust: a 400 OperationOutcome naming {@code expression}, nothing stored. */
    private void assertRefusedWholeNaming(String body, String expression) throws Exception {
        int messages = count("inbound_message");
        String answer = RawHttp.exchange(port, "POST /fhir HTTP/1.0\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + TRUST
                + "\r\nContent-Type: application/fhir+json\r\nContent-Length: " + body.getBytes().length + "\r\n\r\n" + body);
        assertThat(answer).startsWith("HTTP/1.1 400 ");
        OperationOutcome outcome = FHIR.newJsonParser().parseResource(OperationOutcome.class,
                answer.substring(answer.indexOf("\r\n\r\n") + 4));
        assertThat(expressions(outcome)).containsExactly(expression);
        assertThat(count("inbound_message")).isEqualTo(messages);
    }

    @Test
    void aValueHapiCannotParseRefusesItsEntryOnlyNamingTheElementWithoutQuotingIt() throws Exception {
        // Kept from the outside trials of 1 December 2026: HAPI's parse error quoted the value (a child's name and
        // NHS number written into a date) in the answer and the log; then one bad value in one entry refused the
        // whole Bundle at POST /fhir and $validate. Now each entry stands alone (issue 13): entry 0 Patient A (good),
        // 1 an ED attendance about A (stored), 2 Patient B whose birthDate is a name and number (400 naming
        // Patient.birthDate), 3 an ED attendance about B (422, rejected for its Patient's birthDate), 4 an ED
        // attendance about A whose status is no code and whose period.start is no dateTime ("Zara"): 422 naming the
        // first in document order, Encounter.status.
        String good = "F6-" + UUID.randomUUID(), aboutB = "F6-" + UUID.randomUUID(), badStart = "F6-" + UUID.randomUUID();
        String bundle = """
                {"resourceType": "Bundle", "type": "transaction", "entry": [
                  %s,
                  %s,
                  {"fullUrl": "urn:uuid:0b6f7c3e-7f58-4f0e-9a52-1b1f2c3d4e5f", "resource": {"resourceType": "Patient",
                    "identifier": [{"system": "https://fhir.nhs.uk/Id/nhs-number", "value": "%s"}],
                    "birthDate": "Amira Khan 9434765919"}, "request": {"method": "POST", "url": "Patient"}},
                  %s,
                  {"resource": {"resourceType": "Encounter", "id": "%s", "status": "Zara-status",
                    "class": {"system": "http://terminology.hl7.org/CodeSystem/v3-ActCode", "code": "EMER"},
                    "subject": {"reference": "urn:uuid:11111111-2222-4333-8444-555555555555"}, "period": {"start": "Zara"}},
                   "request": {"method": "POST", "url": "Encounter"}}]}""".formatted(
                patientJson("urn:uuid:11111111-2222-4333-8444-555555555555"), encounterJson(good,
                        "urn:uuid:11111111-2222-4333-8444-555555555555"), ChildIdentifiers.nhsNumber(),
                encounterJson(aboutB, "urn:uuid:0b6f7c3e-7f58-4f0e-9a52-1b1f2c3d4e5f"), badStart);

        HttpResponse<String> answer = post(base, bundle);

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(answer.body()).doesNotContain("Amira", "9434765919", "Zara");
        Bundle response = FHIR.newJsonParser().parseResource(Bundle.class, answer.body());
        assertThat(response.getEntry()).extracting(e -> e.getResponse().getStatus()).containsExactly("200 OK",
                "201 Created", "400 Bad Request", "422 Unprocessable Entity", "422 Unprocessable Entity");
        assertThat(expressions((OperationOutcome) response.getEntry().get(2).getResponse().getOutcome())).containsExactly("Patient.birthDate");
        assertThat(expressions((OperationOutcome) response.getEntry().get(3).getResponse().getOutcome())).containsExactly("Patient.birthDate");
        assertThat(expressions((OperationOutcome) response.getEntry().get(4).getResponse().getOutcome())).containsExactly("Encounter.status");
        assertThat(healthEvents(good)).isEqualTo(1);
        assertThat(healthEvents(aboutB) + healthEvents(badStart)).isZero();
        // Both rejected records are kept in quarantine, without the values that were not values.
        assertThat(quarantined(aboutB) + quarantined(badStart)).isEqualTo(2);

        // $validate says the same, entry by entry, and stores nothing.
        int messages = count("inbound_message");
        HttpResponse<String> validated = post(base + "/Bundle/$validate", bundle.replace(good, "F6v-" + UUID.randomUUID())
                .replace(aboutB, "F6v-" + UUID.randomUUID()).replace(badStart, "F6v-" + UUID.randomUUID()));
        assertThat(validated.statusCode()).as(validated.body()).isEqualTo(200);
        assertThat(validated.body()).doesNotContain("Amira", "9434765919", "Zara");
        OperationOutcome outcome = FHIR.newJsonParser().parseResource(OperationOutcome.class, validated.body());
        assertThat(outcome.getIssue()).filteredOn(i -> i.getSeverity() == OperationOutcome.IssueSeverity.ERROR)
                .extracting(i -> i.getExpression().get(0).getValue())
                .containsExactly("Patient.birthDate", "Patient.birthDate", "Encounter.status");
        assertThat(count("inbound_message")).isEqualTo(messages);
    }

    @Test
    void anEntryAskingForAnythingButACreateOrUpdateIsRefusedAndAnUnsupportedTypeSaysWhatTheHubTakes() {
        // Kept from the outside trial of 1 December 2026: request.method was ignored (a DELETE stored as a create),
        // and an Observation was refused in words that did not say what the hub takes.
        String ed = "F7-" + UUID.randomUUID(), deleted = "F7-" + UUID.randomUUID();
        Bundle sent = transaction(Bundle.BundleType.TRANSACTION, ed, "F7-" + UUID.randomUUID());
        String patient = sent.getEntry().get(0).getFullUrl();
        sent.getEntry().remove(2);
        sent.addEntry().setFullUrl("urn:uuid:" + UUID.randomUUID()).setResource(encounter(deleted, "EMER", patient))
                .getRequest().setMethod(Bundle.HTTPVerb.DELETE).setUrl("Encounter/" + deleted);
        sent.addEntry().getRequest().setMethod(Bundle.HTTPVerb.DELETE).setUrl("Encounter/anything");
        org.hl7.fhir.r4.model.Observation observation = new org.hl7.fhir.r4.model.Observation();
        observation.setSubject(new Reference(patient)).setId("F7-obs");
        sent.addEntry().setResource(observation).getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Observation");

        Bundle answer = client(TRUST).transaction().withBundle(sent).execute();

        // Patient 200, the ED attendance 201, the DELETE with a resource and the one without 405, the Observation 422.
        assertThat(answer.getEntry()).extracting(e -> e.getResponse().getStatus()).containsExactly("200 OK", "201 Created",
                "405 Method Not Allowed", "405 Method Not Allowed", "422 Unprocessable Entity");
        for (int i : new int[]{2, 3}) {
            OperationOutcome refused = (OperationOutcome) answer.getEntry().get(i).getResponse().getOutcome();
            assertThat(expressions(refused)).containsExactly("Bundle.entry.request.method");
            assertThat(refused.getIssueFirstRep().getDiagnostics()).contains("DELETE", "only POST or PUT", "Encounter");
        }
        assertThat(healthEvents(ed)).isEqualTo(1);
        assertThat(healthEvents(deleted)).isZero();
        OperationOutcome observationRefused = (OperationOutcome) answer.getEntry().get(4).getResponse().getOutcome();
        assertThat(observationRefused.getIssueFirstRep().getDiagnostics())
                .contains("Observation is not a resource type the hub takes", "Patient", "Encounter", "ServiceRequest",
                        "Procedure", "Flag");
    }

    @Test
    void httpIsDoneRightOnFhirWrongContentType415With405AllowAndBodiesOverTheLimit413() throws Exception {
        // Kept from the outside trial of 1 December 2026 (items 4-6).
        HttpResponse<String> plain = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base))
                .header("Authorization", "Bearer " + TRUST).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(plain.statusCode()).isEqualTo(415);
        assertThat(FHIR.newJsonParser().parseResource(OperationOutcome.class, plain.body()).getIssueFirstRep()
                .getDiagnostics()).contains("application/fhir+json", "application/fhir+xml");
        // A method a path has no meaning for: 405 with Allow.
        for (String[] call : new String[][]{{"DELETE", "/metadata", "GET"}, {"PUT", "", "POST"}, {"GET", "", "POST"},
                {"DELETE", "/Flag", "GET, POST"}}) {
            HttpResponse<String> refused = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + call[1]))
                    .header("Authorization", "Bearer " + TRUST).header("Content-Type", "application/fhir+json")
                    .method(call[0], HttpRequest.BodyPublishers.ofString(call[0].equals("PUT") ? "{}" : "")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(refused.statusCode()).as(call[0] + " " + call[1] + " " + refused.body()).isEqualTo(405);
            assertThat(refused.headers().firstValue("Allow")).as(call[0] + " " + call[1]).hasValue(call[2]);
        }
        // A declared length over hub.intake.max-body-bytes (16 MiB in tests, as in application.yml): 413 before a
        // byte of the body is read (the body is never sent here).
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("POST /fhir HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + TRUST
                    + "\r\nContent-Type: application/fhir+json\r\nContent-Length: " + (17 * 1024 * 1024) + "\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            String status = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                    java.nio.charset.StandardCharsets.ISO_8859_1)).readLine();
            assertThat(status).startsWith("HTTP/1.1 413 ");
        }
        // The same body streamed without a length: refused once reading passes the limit.
        byte[] large = ("{\"resourceType\": \"Bundle\", \"type\": \"transaction\", \"id\": \"" + "a".repeat(17 * 1024 * 1024)
                + "\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        HttpResponse<String> streamed = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(HttpRequest.newBuilder(URI.create(base)).header("Authorization", "Bearer " + TRUST)
                        .header("Content-Type", "application/fhir+json")
                        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(large))).build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(streamed.statusCode()).as(streamed.body()).isEqualTo(413);
        assertThat(FHIR.newJsonParser().parseResource(OperationOutcome.class, streamed.body()).getIssueFirstRep()
                .getDiagnostics()).contains("bytes a message may have");
    }

    @Test
    void fhirRequestsAreCountedUnderABoundedUriWithoutIdsOrValues() throws Exception {
        // Kept from the outside trial of 1 December 2026: http.server.requests showed every FHIR request as
        // uri="UNKNOWN". Now the uri is the resource type's path, with {id} for an id: never the id itself.
        String id = "f8-" + UUID.randomUUID();
        String viewer = TestTokens.staff("fhir-viewer", "partnership-viewer", "herefordshire");
        RawHttp.get(port, "/fhir/Measure/" + id, viewer);
        RawHttp.get(port, "/fhir/metadata", null);
        String scraper = TestTokens.sign(TestTokens.claims("hub-metrics-scraper", "service-account-hub-metrics-scraper",
                List.of("hub-metrics"), java.util.Map.of()), java.time.Duration.ofMinutes(5));
        String scrape = RawHttp.get(port, "/actuator/prometheus", scraper);
        assertThat(scrape).startsWith("HTTP/1.1 200 ");
        assertThat(scrape.lines().filter(l -> l.startsWith("http_server_requests_seconds_count"))
                .filter(l -> l.contains("uri=\"/fhir/Measure/{id}\"")).toList()).isNotEmpty();
        assertThat(scrape).contains("uri=\"/fhir/metadata\"").doesNotContain(id);
    }

    private HttpResponse<String> post(String url, String body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + TRUST).header("Content-Type", "application/fhir+json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A Patient entry (a valid NHS number, HR4 9AB) at {@code fullUrl}, as JSON. */
    private static String patientJson(String fullUrl) {
        return """
                {"fullUrl": "%s", "resource": {"resourceType": "Patient", "gender": "female", "birthDate": "2014-06-12",
                  "identifier": [{"system": "https://fhir.nhs.uk/Id/nhs-number", "value": "%s"}],
                  "name": [{"family": "Fhirtest", "given": ["Ada"]}], "address": [{"postalCode": "HR4 9AB"}]},
                 "request": {"method": "POST", "url": "Patient"}}""".formatted(fullUrl, ChildIdentifiers.nhsNumber());
    }

    /** An ED attendance entry about the Patient at {@code patient}, as JSON. */
    private static String encounterJson(String id, String patient) {
        return """
                {"resource": {"resourceType": "Encounter", "id": "%s", "status": "finished",
                  "class": {"system": "http://terminology.hl7.org/CodeSystem/v3-ActCode", "code": "EMER"},
                  "subject": {"reference": "%s"}, "period": {"start": "2026-11-20T23:10:00Z"}},
                 "request": {"method": "POST", "url": "Encounter"}}""".formatted(id, patient);
    }

    private static List<String> expressions(org.hl7.fhir.instance.model.api.IBaseOperationOutcome outcome) {
        return ((OperationOutcome) outcome).getIssueFirstRep().getExpression().stream().map(StringType::getValue).toList();
    }

    private void assertNothingStored(String ed, String outpatient, int messages, int quarantine) {
        assertThat(healthEvents(ed)).isZero();
        assertThat(quarantined(outpatient)).isZero();
        // Other tests share the database; none of them stores while this class's methods run one at a time.
        assertThat(count("inbound_message")).isEqualTo(messages);
        assertThat(count("quarantine")).isEqualTo(quarantine);
    }

    /** A Patient (a valid NHS number, HR4 9AB) and two encounters: {@code ed} an emergency one, {@code outpatient} not. */
    private static Bundle transaction(Bundle.BundleType type, String ed, String outpatient) {
        Bundle bundle = new Bundle().setType(type);
        Patient child = new Patient().setGender(Enumerations.AdministrativeGender.FEMALE)
                .setBirthDate(Date.from(Instant.parse("2014-06-12T12:00:00Z")));
        child.addIdentifier().setSystem("https://fhir.nhs.uk/Id/nhs-number").setValue(ChildIdentifiers.nhsNumber());
        child.addName().setFamily("Fhirtest").addGiven("Ada");
        child.addAddress().setPostalCode("HR4 9AB");
        String patient = "urn:uuid:" + UUID.randomUUID();
        bundle.addEntry().setFullUrl(patient).setResource(child).getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Patient");
        bundle.addEntry().setFullUrl("urn:uuid:" + UUID.randomUUID()).setResource(encounter(ed, "EMER", patient))
                .getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Encounter");
        bundle.addEntry().setFullUrl("urn:uuid:" + UUID.randomUUID()).setResource(encounter(outpatient, "AMB", patient))
                .getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Encounter");
        return bundle;
    }

    private static Encounter encounter(String id, String encounterClass, String patient) {
        Encounter encounter = new Encounter().setStatus(Encounter.EncounterStatus.FINISHED)
                .setClass_(new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", encounterClass, null))
                .setSubject(new Reference(patient));
        encounter.setId(id);
        encounter.getPeriod().setStart(Date.from(Instant.parse("2026-11-20T23:10:00Z")));
        return encounter;
    }

    private int healthEvents(String encounterId) {
        return jdbc.sql("SELECT count(*) FROM health_event WHERE partner_record_id = ?").param("Encounter/" + encounterId)
                .query(Integer.class).single();
    }

    private int quarantined(String encounterId) {
        return jdbc.sql("SELECT count(*) FROM quarantine WHERE raw_record LIKE ?").param("%" + encounterId + "%")
                .query(Integer.class).single();
    }

    private int count(String table) {
        return jdbc.sql("SELECT count(*) FROM " + table).query(Integer.class).single();
    }
}
