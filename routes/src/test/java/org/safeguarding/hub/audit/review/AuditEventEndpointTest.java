package org.safeguarding.hub.audit.review;

import org.safeguarding.hub.audit.AuditEntry;
import org.safeguarding.hub.audit.AuditTrail;
import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Extension;
import org.junit.jupiter.api.Test;
import org.safeguarding.hub.support.HubIntegrationTest;
import org.safeguarding.hub.support.TestTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The audit trail as FHIR AuditEvent for auditors, and its verification, over real HTTP. */
@HubIntegrationTest
class AuditEventEndpointTest {

    @LocalServerPort
    int port;

    @Autowired
    AuditTrail trail;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    JdbcClient jdbc;

    private final String auditor = TestTokens.staff("audit-reader", "auditor", "herefordshire");

    private HttpResponse<String> get(String pathAndQuery, String token) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
    }

    private long append(String actor, String action, String childId) {
        return transactions.execute(status -> trail.append(new AuditEntry(actor, "herefordshire-council", "mash-lead",
                "MASH screening", action, "Child", childId, "192.0.2.7")));
    }

    @Test
    void anAuditorSearchesTheTrailByAgentAsAFhirSearchset() throws Exception {
        String actor = "lead-" + UUID.randomUUID();
        long first = append(actor, "read", "child-1");
        long second = append(actor, "record-threshold-decision", "child-1");

        HttpResponse<String> response = get("/fhir/AuditEvent?agent-name=" + actor, auditor);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/fhir+json"));
        Bundle bundle = FhirContext.forR4Cached().newJsonParser().parseResource(Bundle.class, response.body());
        assertThat(bundle.getType()).isEqualTo(Bundle.BundleType.SEARCHSET);
        assertThat(bundle.getTotal()).isEqualTo(2);
        AuditEvent newest = (AuditEvent) bundle.getEntry().get(0).getResource();
        AuditEvent oldest = (AuditEvent) bundle.getEntry().get(1).getResource();
        assertThat(newest.getIdElement().getIdPart()).isEqualTo(Long.toString(second));
        assertThat(oldest.getIdElement().getIdPart()).isEqualTo(Long.toString(first));
        assertThat(oldest.getAction()).isEqualTo(AuditEvent.AuditEventAction.R);
        assertThat(newest.getAction()).isEqualTo(AuditEvent.AuditEventAction.C);
        AuditEvent.AuditEventAgentComponent agent = oldest.getAgentFirstRep();
        assertThat(agent.getWho().getDisplay()).isEqualTo(actor);
        assertThat(agent.getRoleFirstRep().getText()).isEqualTo("mash-lead");
        assertThat(agent.getNetwork().getAddress()).isEqualTo("192.0.2.7");
        assertThat(oldest.getPurposeOfEventFirstRep().getText()).isEqualTo("MASH screening");
        assertThat(oldest.getEntityFirstRep().getWhat().getIdentifier().getValue()).isEqualTo("child-1");
        Extension chain = oldest.getExtensionByUrl(AuditEventResources.EXTENSION + "audit-chain");
        String storedHash = jdbc.sql("SELECT hash FROM audit_event WHERE seq = ?").param(first).query(String.class).single();
        assertThat(chain.getExtensionString("hash")).isEqualTo(storedHash);
    }

    @Test
    void theAuditorsOwnSearchIsAudited() throws Exception {
        String token = TestTokens.staff("audit-watcher", "auditor", "herefordshire");
        get("/fhir/AuditEvent?agent-name=nobody-at-all", token);

        HttpResponse<String> response = get("/fhir/AuditEvent?agent-name=audit-watcher", token);

        Bundle bundle = FhirContext.forR4Cached().newJsonParser().parseResource(Bundle.class, response.body());
        // the first search is on the record; the second is written after it has read the trail
        assertThat(bundle.getTotal()).isEqualTo(1);
        AuditEvent search = (AuditEvent) bundle.getEntryFirstRep().getResource();
        assertThat(search.getAction()).isEqualTo(AuditEvent.AuditEventAction.E);
        assertThat(search.getPurposeOfEventFirstRep().getText()).isEqualTo(AuditReview.PURPOSE);
    }

    @Test
    void pagesFollowTheNextLink() throws Exception {
        String actor = "pager-" + UUID.randomUUID();
        for (int i = 1; i <= 3; i++) {
            append(actor, "read", "child-" + i);
        }

        Bundle page1 = FhirContext.forR4Cached().newJsonParser().parseResource(Bundle.class,
                get("/fhir/AuditEvent?agent-name=" + actor + "&_count=2", auditor).body());
        String next = page1.getLink("next").getUrl();
        Bundle page2 = FhirContext.forR4Cached().newJsonParser().parseResource(Bundle.class,
                get(next.substring(next.indexOf("/fhir/")), auditor).body());

        // 3 entries, 2 a page: children 3, 2 then 1 (newest first); no next link after the last page
        assertThat(page1.getEntry()).extracting(e -> ((AuditEvent) e.getResource()).getEntityFirstRep().getWhat().getIdentifier().getValue())
                .containsExactly("child-3", "child-2");
        assertThat(page2.getEntry()).hasSize(1);
        assertThat(page2.getLink("next")).isNull();
    }

    @Test
    void oneEventCanBeReadAndAMissingOneIs404() throws Exception {
        long seq = append("reader-" + UUID.randomUUID(), "read", "child-9");

        HttpResponse<String> found = get("/fhir/AuditEvent/" + seq, auditor);
        HttpResponse<String> missing = get("/fhir/AuditEvent/" + Long.MAX_VALUE, auditor);

        assertThat(found.statusCode()).isEqualTo(200);
        assertThat(FhirContext.forR4Cached().newJsonParser().parseResource(AuditEvent.class, found.body()).getIdElement().getIdPart())
                .isEqualTo(Long.toString(seq));
        assertThat(missing.statusCode()).isEqualTo(404);
        // Refusals on the FHIR server are OperationOutcomes (issue 13).
        assertThat(missing.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/fhir+json"));
        assertThat(missing.body()).contains("\"resourceType\":\"OperationOutcome\"", "\"code\":\"not-found\"");
    }

    @Test
    void badSearchParametersAreOperationOutcomesNamingTheParameter() throws Exception {
        HttpResponse<String> unknown = get("/fhir/AuditEvent?patient=123", auditor);
        HttpResponse<String> badDate = get("/fhir/AuditEvent?date=yesterday", auditor);
        HttpResponse<String> tooMany = get("/fhir/AuditEvent?_count=501", auditor);

        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("\"resourceType\":\"OperationOutcome\"", "\"expression\":[\"patient\"]");
        assertThat(badDate.statusCode()).isEqualTo(400);
        assertThat(badDate.body()).contains("\"expression\":[\"date\"]");
        assertThat(tooMany.statusCode()).isEqualTo(400);
        assertThat(tooMany.body()).contains("from 1 to 500");
    }

    @Test
    void dateBoundsSelectByTime() throws Exception {
        String actor = "dated-" + UUID.randomUUID();
        long seq = append(actor, "read", "child-1");
        String at = jdbc.sql("SELECT to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"') FROM audit_event WHERE seq = ?")
                .param(seq).query(String.class).single();

        assertThat(total("/fhir/AuditEvent?agent-name=" + actor + "&date=ge" + at)).isEqualTo(1);
        assertThat(total("/fhir/AuditEvent?agent-name=" + actor + "&date=gt" + at)).isZero();
        assertThat(total("/fhir/AuditEvent?agent-name=" + actor + "&date=le" + at)).isEqualTo(1);
        assertThat(total("/fhir/AuditEvent?agent-name=" + actor + "&date=lt" + at)).isZero();
    }

    @Test
    void theVerificationEndpointReportsAnIntactChainWithItsHead() throws Exception {
        append("verify-" + UUID.randomUUID(), "read", "child-1");

        HttpResponse<String> response = get("/api/v1/audit/verification", auditor);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"intact\":true", "\"headHash\":\"");
        assertThat(get("/api/v1/audit/verification?anchor=1:" + "0".repeat(64), auditor).body())
                .contains("\"intact\":false", "\"brokenSequence\":1", "anchored hash");
        assertThat(get("/api/v1/audit/verification?anchor=nonsense", auditor).statusCode()).isEqualTo(400);
    }

    private int total(String pathAndQuery) throws Exception {
        return FhirContext.forR4Cached().newJsonParser().parseResource(Bundle.class, get(pathAndQuery, auditor).body()).getTotal();
    }
}
