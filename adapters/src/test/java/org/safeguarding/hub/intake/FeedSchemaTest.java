package org.safeguarding.hub.intake;

import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import org.junit.jupiter.api.Test;
import org.safeguarding.hub.police.PoliceFeed;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The published JSON feed contracts (docs/feeds/*.schema.json) as the hub enforces them: the examples
 * conform, the schemas are valid 2020-12 schemas, the classpath copies are the published files byte for
 * byte, and a violation is named in the partner's terms (the JSON pointer into its message).
 */
class FeedSchemaTest {

    static final Path FEEDS = Path.of("..", "docs", "feeds");

    /** Each JSON example against the schema of its feed (the health example is FHIR, the education one CSV). */
    @Test
    void everyJsonExampleInDocsFeedsConformsToItsSchema() throws IOException {
        List<Path> examples;
        try (Stream<Path> files = Files.list(FEEDS)) {
            examples = files.filter(p -> p.getFileName().toString().endsWith(".example.json")).sorted().toList();
        }
        int checked = 0;
        for (Path example : examples) {
            String feed = example.getFileName().toString().replace(".example.json", "");
            if (!Files.exists(FEEDS.resolve(feed + ".schema.json"))) {
                assertThat(feed).as("a JSON example without a JSON Schema").isEqualTo("health"); // FHIR R4: HAPI checks it
                continue;
            }
            JsonNode json = JsonBatch.read(Files.readAllBytes(example));
            assertThat(FeedSchema.document(feed + ".schema.json").violations(json, ""))
                    .as(example.toString()).isEmpty();
            checked++;
        }
        assertThat(checked).as("police, social-care and marf examples").isEqualTo(3);
    }

    @Test
    void theSchemasAreValidDraft202012SchemasAndTheClasspathHoldsThePublishedFiles() throws IOException {
        var metaSchema = SchemaRegistry.withDialect(Dialects.getDraft202012())
                .getSchema(SchemaLocation.of(Dialects.getDraft202012().getId()));
        List<Path> schemas;
        try (Stream<Path> files = Files.list(FEEDS)) {
            schemas = files.filter(p -> p.getFileName().toString().endsWith(".schema.json")).sorted().toList();
        }
        assertThat(schemas).hasSize(4);
        for (Path schema : schemas) {
            byte[] published = Files.readAllBytes(schema);
            assertThat(metaSchema.validate(new String(published, StandardCharsets.UTF_8), com.networknt.schema.InputFormat.JSON))
                    .as(schema.toString()).isEmpty();
            try (InputStream copy = FeedSchema.class.getResourceAsStream("/feeds/" + schema.getFileName())) {
                assertThat(copy).as("classpath feeds/" + schema.getFileName()).isNotNull();
                assertThat(copy.readAllBytes()).as(schema.toString()).isEqualTo(published);
            }
        }
    }

    @Test
    void violationsAreNamedByTheirPointerInThePartnersMessageAndKeepTheValueApart() {
        FeedSchema record = FeedSchema.record("police.schema.json");
        JsonNode node = JsonBatch.read("""
                {"recordId": "R-1", "type": "exploitation-risk", "exploitationType": "cce", "level": "Grave",
                 "assessedAt": "2026-11-01T10:00:00Z",
                 "child": {"familyName": "Ash", "dateOfBirth": "2012-01-01", "postcode": "HR1 1AA"}}"""
                .getBytes(StandardCharsets.UTF_8));
        // The enum of "level" in police.schema.json, in its order.
        assertThat(record.violation(node, "/records/3").orElseThrow().reason()).isEqualTo(new RejectionReason(
                "/records/3/level", "is not a known code; expected one of [Emerging, Moderate, Significant, Actual, "
                + "emerging, moderate, significant, actual]", "Grave"));
        JsonNode noWay = JsonBatch.read("""
                {"recordId": "R-2", "type": "missing-episode", "reportedAt": "2026-11-01T10:00:00Z",
                 "child": {"givenName": "Ash", "postcode": "HR1 1AA"}}""".getBytes(StandardCharsets.UTF_8));
        // common-child.schema.json: an identifier, or family name and date of birth (its anyOf).
        assertThat(record.violation(noWay, "/records/0").orElseThrow().reason()).isEqualTo(RejectionReason.of(
                "/records/0/child/nhsNumber", "is missing, and nothing else identifies the record: it needs one of "
                        + "nhsNumber; upn; policePersonRef; laChildId; familyName and dateOfBirth"));
        JsonNode lateFormat = JsonBatch.read("""
                {"recordId": "R-3", "type": "missing-episode", "reportedAt": "1 November",
                 "child": {"policePersonRef": "P-1", "postcode": "HR1 1AA"}}""".getBytes(StandardCharsets.UTF_8));
        assertThat(record.violation(lateFormat, "/records/1").orElseThrow().reason()).isEqualTo(new RejectionReason(
                "/records/1/reportedAt", "is not a date-time with offset like 2026-03-01T18:30:00Z", "1 November"));
    }

    /**
     * Issue 13, an outside tester: the schema's "at least one identifier" (its anyOf) took a blank value
     * as one, so only a second copy of the rule in Java refused it. Now the schema is the one place: a
     * value of spaces is no identifier there either, refused with the words a record with no identifier
     * gets; a blank identifier beside a real one is still ignored, as before. A FHIR Patient, which no JSON
     * Schema describes, keeps its own rule (docs/feeds/health-fhir-mapping.md) and its words.
     */
    @Test
    void aBlankIdentifierIsNoIdentifierInTheSchemaAndARealOneBesideABlankIsKept() {
        RejectionReason noIdentifier = RejectionReason.of("/records/0/child/nhsNumber", "is missing, and nothing else "
                + "identifies the record: it needs one of nhsNumber; upn; policePersonRef; laChildId; familyName and dateOfBirth");
        for (String child : List.of(
                "{\"policePersonRef\": \"   \", \"postcode\": \"HR1 1AA\"}",
                "{\"laChildId\": \"\", \"givenName\": \"Ash\", \"postcode\": \"HR1 1AA\"}",
                "{\"familyName\": \" \", \"dateOfBirth\": \"2012-01-01\", \"postcode\": \"HR1 1AA\"}",
                "{\"givenName\": \"Ash\", \"postcode\": \"HR1 1AA\"}")) {
            ParsedMessage message = new PoliceFeed().parse(("{\"records\": [{\"recordId\": \"1\", \"type\": "
                    + "\"missing-episode\", \"reportedAt\": \"2026-11-01T10:00:00Z\", \"child\": " + child + "}]}")
                    .getBytes(StandardCharsets.UTF_8), "application/json", FeedAdaptersTest.CONTEXT);
            assertThat(message.records().get(0)).as(child).isInstanceOf(ParsedRecord.Invalid.class);
            assertThat(((ParsedRecord.Invalid) message.records().get(0)).rejection()).as(child).isEqualTo(noIdentifier);
        }
        ParsedMessage kept = new PoliceFeed().parse(("{\"records\": [{\"recordId\": \"1\", \"type\": \"missing-episode\", "
                + "\"reportedAt\": \"2026-11-01T10:00:00Z\", \"child\": {\"policePersonRef\": \"P-1\", \"laChildId\": \" \", "
                + "\"postcode\": \"HR1 1AA\"}}]}").getBytes(StandardCharsets.UTF_8), "application/json", FeedAdaptersTest.CONTEXT);
        assertThat(kept.records().get(0)).isInstanceOf(ParsedRecord.Valid.class);

        String patientWithoutIdentity = """
                {"resourceType": "Bundle", "type": "collection", "entry": [
                  {"fullUrl": "urn:uuid:p1", "resource": {"resourceType": "Patient", "name": [{"given": ["Ann"]}],
                    "address": [{"postalCode": "HR1 1AA"}]}},
                  {"resource": {"resourceType": "Encounter", "id": "e1", "status": "finished",
                    "class": {"code": "EMER"}, "subject": {"reference": "urn:uuid:p1"},
                    "period": {"start": "2026-11-01T10:00:00Z"}}}]}""";
        ParsedRecord health = new org.safeguarding.hub.health.HealthBundleFeed(ca.uhn.fhir.context.FhirContext.forR4Cached()).parse(
                patientWithoutIdentity
                .getBytes(StandardCharsets.UTF_8), "application/fhir+json", FeedAdaptersTest.CONTEXT).records().get(0);
        assertThat(((ParsedRecord.Invalid) health).rejection()).isEqualTo(RejectionReason.of(
                "Patient.identifier.where(system='https://fhir.nhs.uk/Id/nhs-number').value", "the child needs an identifier "
                        + "(NHS number, UPN, police or council reference) or a family name and date of birth"));
    }

    @Test
    void aBatchRefusesOnlyTheRecordThatBreaksTheSchemaAndAnEnvelopeViolationRefusesTheMessage() {
        String child = "\"child\": {\"policePersonRef\": \"P-1\", \"postcode\": \"HR1 1AA\"}";
        ParsedMessage message = new PoliceFeed().parse(("{\"records\": ["
                + "{\"recordId\": \"1\", \"type\": \"missing-episode\", " + child + ", \"reportedAt\": \"2026-11-01T10:00:00Z\"},"
                + "{\"recordId\": \"2\", \"type\": \"shoplifting\", " + child + "},"
                + "{\"recordId\": \"3\", \"type\": \"missing-episode\", " + child + ", \"reportedAt\": \"2026-11-01T11:00:00Z\"}"
                + "]}").getBytes(StandardCharsets.UTF_8), "application/json", FeedAdaptersTest.CONTEXT);
        assertThat(message.records()).extracting(r -> r.getClass().getSimpleName()).containsExactly("Valid", "Invalid", "Valid");
        assertThat(((ParsedRecord.Invalid) message.records().get(1)).field()).isEqualTo("/records/1/type");
        try {
            new PoliceFeed().parse("{\"messageId\": 42, \"records\": []}".getBytes(StandardCharsets.UTF_8),
                    "application/json", FeedAdaptersTest.CONTEXT);
            throw new AssertionError("a numeric messageId was taken");
        } catch (MalformedMessage refused) {
            assertThat(refused.where()).isEqualTo("/messageId");
            assertThat(refused.getMessage()).isEqualTo("/messageId must be a string.");
        }
    }
    /**
     * A record is checked against its type's narrowed record schema (FeedSchema.TypeBranches); the
     * whole-message check reads the published record schema with every type's branch. Both answer the
     * same violations in the same order for each example record and its variations: each field but the
     * child a number, empty, 300 characters or gone, and the record given every type code of its feed
     * (a record of one type carrying another's fields), so both valid and refused records are compared.
     */
    @Test
    void aRecordCheckedByItsTypeAnswersAsTheWholeSchemaDoes() throws IOException {
        int compared = 0;
        int refused = 0;
        for (String feed : List.of("police", "social-care")) {
            FeedSchema whole = FeedSchema.document(feed + ".schema.json");
            FeedSchema record = FeedSchema.record(feed + ".schema.json");
            List<String> codes = new java.util.ArrayList<>();
            FeedSchema.read(feed + ".schema.json").at("/$defs/record/properties/type/enum").forEach(c -> codes.add(c.stringValue()));
            for (JsonNode example : JsonBatch.read(Files.readAllBytes(FEEDS.resolve(feed + ".example.json"))).get("records")) {
                List<JsonNode> variations = new java.util.ArrayList<>(List.of(example));
                for (String field : List.copyOf(example.propertyNames())) {
                    if (!field.equals("child")) {
                        for (Object value : new Object[] {42, "", "x".repeat(300), null}) {
                            var changed = (tools.jackson.databind.node.ObjectNode) example.deepCopy();
                            if (value == null) {
                                changed.remove(field);
                            } else if (value instanceof Integer number) {
                                changed.put(field, number);
                            } else {
                                changed.put(field, (String) value);
                            }
                            variations.add(changed);
                        }
                    }
                }
                codes.forEach(code -> variations.add(((tools.jackson.databind.node.ObjectNode) example.deepCopy()).put("type", code)));
                for (JsonNode variation : variations) {
                    var message = JsonBatch.JSON.createObjectNode();
                    message.putArray("records").add(variation);
                    List<RejectionReason> expected = whole.violations(message, "");
                    assertThat(record.violations(variation, "/records/0")).as(variation.toString()).isEqualTo(expected);
                    compared++;
                    refused += expected.isEmpty() ? 0 : 1;
                }
            }
        }
        assertThat(compared).isGreaterThan(200);
        assertThat(refused).isGreaterThan(100);
    }
}
