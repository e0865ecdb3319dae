package org.safeguarding.hub.intake;

import org.safeguarding.hub.child.IdentifierKind;
import ca.uhn.fhir.context.FhirContext;
import org.junit.jupiter.api.Test;
import org.safeguarding.hub.education.EducationCsvFeed;
import org.safeguarding.hub.health.HealthBundleFeed;
import org.safeguarding.hub.marf.ReferralFormFeed;
import org.safeguarding.hub.police.PoliceFeed;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The adapters on their own (no Camel, no database), on the published examples in docs/feeds. */
class FeedAdaptersTest {

    static final ParseContext CONTEXT = new ParseContext("west-mercia-police", Instant.parse("2026-11-22T12:00:00Z"));

    static byte[] example(String name) throws IOException {
        return Files.readAllBytes(Path.of("..", "docs", "feeds", name));
    }

    @Test
    void policeExampleMapsEveryTypeAndRejectsTheBadNhsNumber() throws IOException {
        ParsedMessage message = new PoliceFeed().parse(example("police.example.json"), "application/json", CONTEXT);
        assertThat(message.partnerMessageId()).isEqualTo("wmp-example-0001");
        assertThat(message.records()).hasSize(6);
        var encompass = (ParsedRecord.Valid) message.records().get(0);
        assertThat(encompass.fact().recordType()).isEqualTo("police_notification");
        var notification = (CanonicalFact.PoliceNotification) encompass.fact();
        assertThat(notification.kind()).isEqualTo("domestic-abuse");
        assertThat(notification.schoolUrn()).isEqualTo("116789");
        assertThat(notification.childPresent()).isEqualTo(true);
        assertThat(notification.incidentAt()).isEqualTo(Instant.parse("2026-11-21T22:40:00Z"));
        assertThat(encompass.child().identifiers()).containsEntry(IdentifierKind.NHS_NUMBER, "9434765919");
        var attendance = (ParsedRecord.Valid) message.records().get(4);
        assertThat(((CanonicalFact.StrategyDiscussion) attendance.fact()).attendance())
                .isEqualTo(new CanonicalFact.Attendance("west-mercia-police", true));
        var bad = (ParsedRecord.Invalid) message.records().get(5);
        // Named by its JSON pointer in the partner's message; the value kept apart from the rule.
        assertThat(bad.rejection()).isEqualTo(new RejectionReason("/records/5/child/nhsNumber",
                "is not a valid NHS number (10 digits with a modulus-11 check digit)", "9434765918"));
        // The raw record stands alone and reads back to the same rejection (what replay does).
        assertThat(new PoliceFeed().reparse(bad.raw(), 5, CONTEXT)).isEqualTo(bad);
    }

    @Test
    void actualExploitationIsForCseOnlyAndDatesMustBeInOrder() {
        String child = "\"child\": {\"familyName\": \"X\", \"dateOfBirth\": \"2012-01-01\", \"postcode\": \"HR1 1AA\"}";
        ParsedMessage message = new PoliceFeed().parse(("{\"records\": ["
                + "{\"recordId\": \"1\", \"type\": \"exploitation-risk\", " + child
                + ", \"exploitationType\": \"cce\", \"level\": \"Actual\", \"assessedAt\": \"2026-11-01T10:00:00Z\"},"
                + "{\"recordId\": \"2\", \"type\": \"missing-episode\", " + child
                + ", \"reportedAt\": \"2026-11-02T10:00:00Z\", \"endedAt\": \"2026-11-01T10:00:00Z\"},"
                + "{\"recordId\": \"3\", \"type\": \"incident\", " + child + ", \"incidentAt\": \"2026-11-22T12:06:00Z\"}"
                + "]}").getBytes(StandardCharsets.UTF_8), "application/json", CONTEXT);
        assertThat(((ParsedRecord.Invalid) message.records().get(0)).field()).isEqualTo("/records/0/level");
        assertThat(((ParsedRecord.Invalid) message.records().get(1)).field()).isEqualTo("/records/1/endedAt");
        // 12:06 is 6 minutes after the message arrived (12:00): beyond the 5-minute clock skew.
        assertThat(((ParsedRecord.Invalid) message.records().get(2)).field()).isEqualTo("/records/2/incidentAt");
    }

    @Test
    void healthExampleMapsResourcesToHealthEvents() throws IOException {
        HealthBundleFeed feed = new HealthBundleFeed(FhirContext.forR4Cached());
        ParsedMessage message = feed.parse(example("health.example.json"), "application/fhir+json",
                new ParseContext("wye-valley-nhs-trust", Instant.parse("2026-11-22T12:00:00Z")));
        assertThat(message.partnerMessageId()).isEqualTo("wvt-example-0001");
        assertThat(message.records()).hasSize(5);
        assertThat(message.records().stream().limit(4).map(r -> ((CanonicalFact.HealthEvent) ((ParsedRecord.Valid) r).fact()).kind()))
                .containsExactly("ed-attendance", "safeguarding-referral", "dental-check", "exploitation-flag");
        assertThat(((ParsedRecord.Valid) message.records().get(0)).fact().partnerRecordId()).isEqualTo("Encounter/wvt-ed-5501");
        // The rejected record's raw form is a one-record Bundle with its Patient: replay reads it again.
        var rejected = (ParsedRecord.Invalid) message.records().get(4);
        assertThat(feed.reparse(rejected.raw(), 4, CONTEXT)).isInstanceOf(ParsedRecord.Invalid.class);
    }

    @Test
    void aKindCodingWithoutACodeRefusesItsRecordNamingTheField() throws IOException {
        // Found by the hostile corpus: a coding with the kind system and no code was a 500 (Set.of().contains(null)).
        String bundle = new String(example("health.example.json"), StandardCharsets.UTF_8)
                .replace(", \"code\": \"dental-check\"}", "}");
        ParsedMessage message = new HealthBundleFeed(FhirContext.forR4Cached()).parse(bundle.getBytes(StandardCharsets.UTF_8),
                "application/fhir+json", new ParseContext("wye-valley-nhs-trust", Instant.parse("2026-11-22T12:00:00Z")));
        // The third record is the dental check; the others are as in the example.
        assertThat(message.records()).hasSize(5);
        assertThat(((ParsedRecord.Invalid) message.records().get(2)).field()).endsWith(".code");
        assertThat(message.records().get(0)).isInstanceOf(ParsedRecord.Valid.class);
    }

    @Test
    void healthTakesFhirXmlWithoutADoctypeAndRefusesOneWithIt() {
        HealthBundleFeed feed = new HealthBundleFeed(FhirContext.forR4Cached());
        String bundle = """
                <Bundle xmlns="http://hl7.org/fhir"><type value="collection"/>
                  <entry><fullUrl value="urn:uuid:p1"/><resource><Patient>
                    <identifier><system value="https://fhir.nhs.uk/Id/nhs-number"/><value value="9990000034"/></identifier>
                    <birthDate value="2015-01-01"/><address><postalCode value="HR7 4AA"/></address></Patient></resource></entry>
                  <entry><resource><Flag><id value="f1"/><status value="active"/>
                    <code><coding><system value="%s"/><code value="exploitation-risk"/></coding></code>
                    <subject><reference value="urn:uuid:p1"/></subject><period><start value="2026-11-01T10:00:00Z"/></period>
                  </Flag></resource></entry>
                </Bundle>""".formatted(HealthBundleFeed.KIND_SYSTEM);
        ParsedMessage message = feed.parse(bundle.getBytes(StandardCharsets.UTF_8), "application/fhir+xml", CONTEXT);
        assertThat(((CanonicalFact.HealthEvent) ((ParsedRecord.Valid) message.records().get(0)).fact()).kind())
                .isEqualTo("exploitation-flag");
        String hostile = "<?xml version=\"1.0\"?><!DOCTYPE Bundle [<!ENTITY x SYSTEM \"file:///etc/hostname\">]>"
                + bundle.replace("f1", "&x;");
        assertThatThrownBy(() -> feed.parse(hostile.getBytes(StandardCharsets.UTF_8), "application/fhir+xml", CONTEXT))
                .isInstanceOf(MalformedMessage.class).hasMessageContaining("DOCTYPE");
    }

    @Test
    void brokenJsonIsRefusedSayingWhereAndHowNotQuotingTheParser() {
        // Cut off after the second line's 14 characters (space, "records", colon, space, [{): the end at line 2, column 15.
        byte[] truncated = "{\"messageId\": \"M-1\",\n \"records\": [{".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> new PoliceFeed().parse(truncated, "application/json", CONTEXT))
                .isInstanceOf(MalformedMessage.class)
                .hasMessageEndingWith("it ends before the JSON is complete (line 2, column 15).")
                .hasMessageNotContaining("marker").hasMessageNotContaining("Source");
        // The } at column 34 closes nothing the [ at 33 opened.
        byte[] stray = "{\"messageId\": \"M-1\", \"records\": [}]}".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> new PoliceFeed().parse(stray, "application/json", CONTEXT))
                .isInstanceOf(MalformedMessage.class)
                .hasMessageEndingWith("it has something other than JSON syntax allows (line 1, column 34).");
    }

    @Test
    void healthBundlesHapiCannotReadAreRefusedInFhirTermsNotItsInternals() {
        HealthBundleFeed feed = new HealthBundleFeed(ca.uhn.fhir.context.FhirContext.forR4Cached());
        // Each was a 500 or quoted the parser (the hostile corpus; an outside tester).
        assertThatThrownBy(() -> feed.parse(("{\"resourceType\": \"Bundle\", \"type\": \"collection\", \"entry\": "
                + "[{\"fullUrl\": \"urn:uuid:1\", \"resource\": null}]}").getBytes(StandardCharsets.UTF_8),
                "application/fhir+json", CONTEXT)).isInstanceOf(MalformedMessage.class).hasMessage(
                "The body is not a valid FHIR R4 Bundle: an entry has a resource that is null (Bundle.entry.resource).");
        assertThatThrownBy(() -> feed.parse("{\"resourceType\": \"Bundle\", \"type\": \"collection\", \"entry\": \"x\"}"
                .getBytes(StandardCharsets.UTF_8), "application/fhir+json", CONTEXT)).isInstanceOf(MalformedMessage.class)
                .hasMessageContaining("entry").hasMessageNotContaining("HAPI-");
        // 35 + 26 + 7 characters of tags, then the end: line 1, column 69.
        assertThatThrownBy(() -> feed.parse("<Bundle xmlns=\"http://hl7.org/fhir\"><type value=\"collection\"/><entry>"
                .getBytes(StandardCharsets.UTF_8), "application/fhir+xml", CONTEXT)).isInstanceOf(MalformedMessage.class)
                .hasMessageEndingWith("Unexpected EOF; was expecting a close tag for element <entry> (line 1, column 69).")
                .hasMessageNotContaining("HAPI-")
                .hasMessageNotContaining("unknown-source").hasMessageNotContaining("wstx");
        // An NHS-number identifier without a value is no NHS number, not a failure.
        String noValue = """
                {"resourceType": "Bundle", "type": "collection", "entry": [
                  {"fullUrl": "urn:uuid:p1", "resource": {"resourceType": "Patient",
                    "identifier": [{"system": "https://fhir.nhs.uk/Id/nhs-number"}],
                    "name": [{"given": ["Ann"], "family": "Lee"}], "birthDate": "2015-01-01"}},
                  {"resource": {"resourceType": "Encounter", "id": "e1", "status": "finished",
                    "class": {"code": "EMER"}, "subject": {"reference": "urn:uuid:p1"},
                    "period": {"start": "2026-11-01T10:00:00Z"}}}]}""";
        assertThat(feed.parse(noValue.getBytes(StandardCharsets.UTF_8), "application/fhir+json", CONTEXT).records())
                .hasSize(1);
    }

    @Test
    void educationCsvRefusesFormulaCellsAndMissingHeaders() {
        EducationCsvFeed feed = new EducationCsvFeed();
        String header = "record_id,record_type,upn,given_name,family_name,date_of_birth,postcode,occurred_on\n";
        assertThatThrownBy(() -> feed.parse((header + "1,referral,E884200126001,-2+3,X,2012-01-01,HR1 1AA,2026-11-01\n")
                .getBytes(StandardCharsets.UTF_8), "text/csv", CONTEXT)).isInstanceOf(MalformedMessage.class)
                .hasMessageContaining("formula");
        assertThatThrownBy(() -> feed.parse("record_id,upn\n1,E884200126001\n".getBytes(StandardCharsets.UTF_8),
                "text/csv", CONTEXT)).isInstanceOf(MalformedMessage.class).hasMessageContaining("record_type");
    }

    @Test
    void marfConsentOverriddenNeedsAReason() throws IOException {
        String form = new String(example("marf.example.json"), StandardCharsets.UTF_8)
                .replaceAll("\"reason\": \"[^\"]*\"", "\"reason\": \"\"");
        ParsedMessage message = new ReferralFormFeed().parse(form.getBytes(StandardCharsets.UTF_8), "application/json", CONTEXT);
        assertThat(((ParsedRecord.Invalid) message.records().get(0)).field()).isEqualTo("/consent/reason");
    }

    private static ParsedRecord marfReceivedAt(String receivedAt) throws IOException {
        String form = new String(example("marf.example.json"), StandardCharsets.UTF_8)
                .replaceFirst("\\{", receivedAt == null ? "{" : "{\"receivedAt\": \"" + receivedAt + "\", ");
        return new ReferralFormFeed().parse(form.getBytes(StandardCharsets.UTF_8), "application/json", CONTEXT).records().get(0);
    }

    @Test
    void marfClockStartsAtAStatedEarlierReceiptNeverInTheFuture() throws IOException {
        // Submitted 2026-11-22 12:00 UTC (CONTEXT). Without receivedAt the clock starts at submission.
        assertThat(((CanonicalFact.Contact) ((ParsedRecord.Valid) marfReceivedAt(null)).fact()).receivedAt())
                .isEqualTo(Instant.parse("2026-11-22T12:00:00Z"));
        // A phone referral at 10:00 typed up at 12:00: the clock starts at 10:00 (any offset; 10:00 GMT).
        assertThat(((CanonicalFact.Contact) ((ParsedRecord.Valid) marfReceivedAt("2026-11-22T10:00:00+00:00")).fact()).receivedAt())
                .isEqualTo(Instant.parse("2026-11-22T10:00:00Z"));
        // 12:03 is within the 5-minute clock skew: the clock starts at submission, never later.
        assertThat(((CanonicalFact.Contact) ((ParsedRecord.Valid) marfReceivedAt("2026-11-22T12:03:00Z")).fact()).receivedAt())
                .isEqualTo(Instant.parse("2026-11-22T12:00:00Z"));
        // 12:06 is in the future; a date without a time is not an instant. Both name receivedAt.
        assertThat(((ParsedRecord.Invalid) marfReceivedAt("2026-11-22T12:06:00Z")).field()).isEqualTo("/receivedAt");
        assertThat(((ParsedRecord.Invalid) marfReceivedAt("2026-11-22")).field()).isEqualTo("/receivedAt");
    }
}
