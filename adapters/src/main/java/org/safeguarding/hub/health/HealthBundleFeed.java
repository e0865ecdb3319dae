package org.safeguarding.hub.health;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.StrictErrorHandler;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.safeguarding.hub.child.ChildDetails;
import org.safeguarding.hub.child.IdentifierKind;
import org.safeguarding.hub.intake.CanonicalFact;
import org.safeguarding.hub.intake.Checks;
import org.safeguarding.hub.intake.FhirEntries;
import org.safeguarding.hub.intake.ChildFields;
import org.safeguarding.hub.intake.FeedAdapter;
import org.safeguarding.hub.intake.Json;
import org.safeguarding.hub.intake.JsonBatch;
import org.safeguarding.hub.intake.Limits;
import org.safeguarding.hub.intake.MalformedMessage;
import org.safeguarding.hub.intake.ParseContext;
import org.safeguarding.hub.intake.ParsedMessage;
import org.safeguarding.hub.intake.ParsedRecord;
import org.safeguarding.hub.intake.PartnerFields;
import org.safeguarding.hub.intake.RecordRejected;
import org.safeguarding.hub.intake.Utf8Text;
import org.safeguarding.hub.partner.Feed;
import org.safeguarding.hub.validation.StorableText;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The health feed: a FHIR R4 {@code Bundle} (transaction, collection, or a searchset from the pull
 * route), parsed strictly with HAPI FHIR. Patients describe children (UK Core NHS number
 * identifier); every other entry is one record. The mapping is in docs/feeds/health-fhir-mapping.md.
 * XML with a DOCTYPE is refused before parsing: no external entities, no entity expansion.
 */
public final class HealthBundleFeed implements FeedAdapter {

    public static final String NHS_NUMBER = "https://fhir.nhs.uk/Id/nhs-number";
    /** The hub's code system for the kind of a Procedure or Flag (docs/feeds/health-fhir-mapping.md). */
    public static final String KIND_SYSTEM = "https://safeguarding-hub.org.uk/fhir/CodeSystem/health-event-kind";
    private static final Set<Bundle.BundleType> TYPES = Set.of(Bundle.BundleType.TRANSACTION,
            Bundle.BundleType.COLLECTION, Bundle.BundleType.SEARCHSET, Bundle.BundleType.BATCH);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Rejections name FHIR elements; the hub's own rules refuse on the child's (Patient's) fields only. */
    private static final PartnerFields NAMES = ChildFields.Names.FHIR.or(PartnerFields.AS_IS);

    private final FhirContext fhir;

    public HealthBundleFeed(FhirContext fhir) {
        this.fhir = fhir;
    }

    @Override
    public Feed feed() {
        return Feed.HEALTH;
    }

    @Override
    public ParsedMessage parse(byte[] body, String contentType, ParseContext context) {
        Bundle bundle = read(body, contentType);
        Map<String, Patient> patients = new HashMap<>();
        List<Bundle.BundleEntryComponent> events = new ArrayList<>();
        for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
            if (entry.getResource() instanceof Patient patient && FhirEntries.takes(entry)) {
                if (entry.hasFullUrl()) {
                    patients.put(entry.getFullUrl(), patient);
                }
                if (patient.getIdElement().hasIdPart()) {
                    patients.put("Patient/" + patient.getIdElement().getIdPart(), patient);
                }
            } else if (entry.getResource() != null) {
                events.add(entry);
            }
        }
        if (events.size() > Limits.MAX_RECORDS) {
            throw new MalformedMessage("Bundle.entry", "A bundle may carry at most " + Limits.MAX_RECORDS + " records.", true);
        }
        // A Patient's values not of their datatype reject every record about it; found once, then dropped
        // (the raw records are encoded again, which HAPI cannot do with them).
        Map<Patient, List<FhirEntries.Unreadable>> unreadable = new java.util.IdentityHashMap<>();
        patients.values().forEach(p -> unreadable.computeIfAbsent(p, q -> FhirEntries.in(fhir, q, "Patient")));
        unreadable.values().forEach(found -> found.forEach(FhirEntries.Unreadable::forget));
        List<ParsedRecord> records = new ArrayList<>();
        for (Bundle.BundleEntryComponent entry : events) {
            records.add(record(entry, patients, unreadable, records.size(), context));
        }
        String messageId = bundle.hasIdentifier() && bundle.getIdentifier().hasValue()
                ? bundle.getIdentifier().getValue() : null;
        StorableText.problem(messageId).ifPresent(reason -> {
            throw new MalformedMessage("Bundle.identifier.value", "Bundle.identifier.value " + reason + ".");
        });
        return new ParsedMessage(messageId, records);
    }

    @Override
    public ParsedRecord reparse(String rawRecord, int position, ParseContext context) {
        ParsedRecord record = parse(rawRecord.getBytes(StandardCharsets.UTF_8), "application/fhir+json", context)
                .records().get(0);
        return record instanceof ParsedRecord.Valid v ? new ParsedRecord.Valid(position, v.raw(), v.child(), v.fact(), NAMES)
                : new ParsedRecord.Invalid(position, record.raw(), ((ParsedRecord.Invalid) record).rejection());
    }

    /** The newest meta.lastUpdated in a bundle (the pull route's next checkpoint). */
    public Instant newestLastUpdated(byte[] body, Instant otherwise) {
        Instant newest = otherwise;
        for (Bundle.BundleEntryComponent entry : read(body, "application/fhir+json").getEntry()) {
            Date updated = entry.getResource() == null ? null : entry.getResource().getMeta().getLastUpdated();
            if (updated != null && updated.toInstant().isAfter(newest)) {
                newest = updated.toInstant();
            }
        }
        return newest;
    }

    private Bundle read(byte[] body, String contentType) {
        String text = Utf8Text.decode(body); // UTF-8 only, without a byte-order mark
        boolean xml = contentType != null && contentType.toLowerCase(Locale.ROOT).contains("xml");
        if (xml && text.toUpperCase(Locale.ROOT).contains("<!DOCTYPE")) {
            throw new MalformedMessage("/", "XML with a DOCTYPE is refused: the hub resolves no external entities.");
        }
        if (!xml) {
            JsonBatch.read(body); // nesting and size limits, and no key twice, before HAPI builds its model
        }
        IParser parser = (xml ? fhir.newXmlParser() : fhir.newJsonParser()).setParserErrorHandler(new EntryValues())
                // The record is <resourceType>/<id> as the partner sent it. By default HAPI replaces a
                // resource's id by its entry's fullUrl, which an engine may mint afresh (urn:uuid) at each
                // send, so the same attendance became a second row (an outside tester).
                .setOverrideResourceIdWithBundleEntryFullUrl(false);
        Bundle bundle;
        try {
            bundle = parser.parseResource(Bundle.class, text);
        } catch (DataFormatException | ClassCastException | IllegalArgumentException | NullPointerException e) {
            // IllegalArgumentException covers NumberFormatException: an integer element out of range;
            // HAPI throws NullPointerException for an entry whose resource is null (found by the hostile corpus).
            throw new MalformedMessage("/", "The body is not a valid FHIR R4 Bundle: " + problem(e) + ".");
        }
        FhirEntries.in(fhir, bundle, "Bundle").stream().findFirst().ifPresent(bad -> {
            throw new MalformedMessage(bad.element(), bad.element() + " is not a valid FHIR " + bad.datatype() + ".");
        });
        if (bundle.getType() == null || !TYPES.contains(bundle.getType())) { // "type": null parses as no type
            throw new MalformedMessage("Bundle.type", "Bundle.type is required and must be transaction, batch, "
                    + "collection or searchset.");
        }
        return bundle;
    }

    /**
     * What was wrong, in FHIR's terms and without the parser's internals (its message codes, the
     * XML reader's class names and "{unknown-source}" locations): where an XML body stops being XML,
     * an entry with a null resource, or HAPI's own sentence about the element.
     */
    private static String problem(RuntimeException e) {
        if (e instanceof NullPointerException) {
            return "an entry has a resource that is null (Bundle.entry.resource)";
        }
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof javax.xml.stream.XMLStreamException xml) {
                var at = xml.getLocation();
                return "the XML is not well-formed" + (at == null || at.getLineNumber() < 1 ? ""
                        : " (line " + at.getLineNumber() + ", column " + at.getColumnNumber() + ")");
            }
        }
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.replaceFirst("^HAPI-\\d+: ", "")
                .replaceAll("\\s*at \\[row,col[^\\]]*\\]: \\[(\\d+),(\\d+)\\]", " (line $1, column $2)")
                .strip().replaceAll("\\.$", "");
    }

    /**
     * Strict (unknown elements, wrong JSON types), except for a value not of its element's datatype: that
     * is one entry's fault, so the element keeps the text as sent and the entry is judged on its own
     * ({@link FhirEntries}; a date-shaped one, Patient.birthDate "2013-13-40", by ChildFields, issue 12),
     * while the rest of the Bundle is stored (issue 13). One outside the entries refuses the Bundle ({@link #read}).
     */
    private static final class EntryValues extends StrictErrorHandler {
        @Override
        public void invalidValue(ca.uhn.fhir.parser.IParserErrorHandler.IParseLocation location, String value, String error) {
            FhirEntries.TOLERATED.invalidValue(location, value, error);
        }
    }

    private ParsedRecord record(Bundle.BundleEntryComponent entry, Map<String, Patient> patients,
                                Map<Patient, List<FhirEntries.Unreadable>> patientValues, int position,
                                ParseContext context) {
        Resource resource = entry.getResource();
        String where = resource.fhirType();
        Patient patient = patients.get(subject(resource).getReference());
        List<FhirEntries.Unreadable> unreadable = new ArrayList<>(FhirEntries.in(fhir, resource, where));
        unreadable.forEach(FhirEntries.Unreadable::forget); // the raw record keeps no value that is not one
        unreadable.addAll(patientValues.getOrDefault(patient, List.of()));
        String raw = rawRecord(resource, patient);
        try {
            if (!FhirEntries.takes(entry)) {
                throw new RecordRejected("Bundle.entry.request.method", FhirEntries.refusedMethod(entry));
            }
            unreadable.stream().findFirst().ifPresent(bad -> {
                throw new RecordRejected(bad.element(), "is not a valid FHIR " + bad.datatype()
                        + " (the value is not repeated here)");
            });
            unstorable(raw).ifPresent(found -> {
                throw new RecordRejected(found.field(), found.reason());
            });
            if (!(resource instanceof ServiceRequest || resource instanceof Encounter || resource instanceof Procedure
                    || resource instanceof Flag)) {
                throw new RecordRejected(where, where + " is not a resource type the hub takes: it takes " + FhirEntries.TYPES_TAKEN
                        + " (docs/feeds/health-fhir-mapping.md)");
            }
            if (patient == null) {
                throw new RecordRejected(where + ".subject", "must reference a Patient in the same Bundle");
            }
            String id = resource.getIdElement().hasIdPart() ? resource.getIdElement().getIdPart() : null;
            if (id == null) {
                throw new RecordRejected(where + ".id", "is required: it identifies the record for updates and duplicates");
            }
            ChildDetails child = child(patient, context);
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("resourceType", resource.fhirType());
            // The record's own NHS number (checked, never a placeholder), not one the child is linked to
            // later: an ED attendance's notice to a council rests on it (flags.AttendanceNotices).
            detail.put(CanonicalFact.HealthEvent.NHS_NUMBER, child.identifiers().get(IdentifierKind.NHS_NUMBER));
            Date occurred;
            String occurredField;
            String kind;
            if (resource instanceof ServiceRequest request) {
                kind = "safeguarding-referral";
                occurred = request.getAuthoredOn();
                occurredField = where + ".authoredOn";
                detail.put("status", request.hasStatus() ? request.getStatus().toCode() : null);
                detail.put("reason", request.getReasonCodeFirstRep().getText());
            } else if (resource instanceof Encounter encounter) {
                if (!"EMER".equals(encounter.getClass_().getCode())) {
                    throw new RecordRejected(where + ".class", "only emergency encounters (class EMER) are taken");
                }
                kind = "ed-attendance";
                occurred = encounter.getPeriod().getStart();
                occurredField = where + ".period.start";
                detail.put("status", encounter.hasStatus() ? encounter.getStatus().toCode() : null);
            } else if (resource instanceof Procedure procedure) {
                kind = kind(procedure.getCode().getCoding(), where + ".code",
                        Set.of("initial-health-assessment", "dental-check"));
                occurred = procedure.hasPerformedDateTimeType() ? procedure.getPerformedDateTimeType().getValue() : null;
                occurredField = where + ".performedDateTime";
            } else if (resource instanceof Flag flag) {
                kind(flag.getCode().getCoding(), where + ".code", Set.of("exploitation-risk"));
                kind = "exploitation-flag";
                occurred = flag.getPeriod().getStart();
                occurredField = where + ".period.start";
                detail.put("status", flag.hasStatus() ? flag.getStatus().toCode() : null);
            } else {
                throw new IllegalStateException("checked above: " + where);
            }
            require(occurred, occurredField);
            detail.values().removeIf(java.util.Objects::isNull);
            Instant at = Checks.notFuture(occurredField, occurred.toInstant(), context);
            return new ParsedRecord.Valid(position, raw, child, new CanonicalFact.HealthEvent(resource.fhirType() + "/" + id,
                    kind, at, new Json(JSON.writeValueAsString(detail))), NAMES);
        } catch (RecordRejected rejected) {
            return rejected.at(position, raw);
        }
    }

    private static ChildDetails child(Patient patient, ParseContext context) {
        String nhs = patient.getIdentifier().stream().filter(i -> NHS_NUMBER.equals(i.getSystem()))
                .map(Identifier::getValue).filter(java.util.Objects::nonNull).findFirst().orElse(null);
        var name = patient.getNameFirstRep();
        String birthDate = patient.hasBirthDateElement() ? patient.getBirthDateElement().getValueAsString() : null;
        String sex = patient.hasGender() ? patient.getGender().toCode() : null;
        String postcode = patient.getAddressFirstRep().getPostalCode();
        return ChildFields.check(new ChildFields.Raw(name.getGivenAsSingleString().isBlank() ? null
                : name.getGiven().get(0).getValue(), name.getFamily(), birthDate, sex, postcode, null, nhs, null, null, null),
                ChildFields.Names.FHIR, ChildFields.Identification.NHS_NUMBER_OR_NAME_AND_BIRTH_DATE, context);
    }

    private static String kind(List<org.hl7.fhir.r4.model.Coding> codings, String field, Set<String> allowed) {
        // Set.of(...).contains(null) throws: a coding may carry the system and no code.
        return codings.stream().filter(c -> KIND_SYSTEM.equals(c.getSystem()) && c.getCode() != null
                        && allowed.contains(c.getCode()))
                .map(org.hl7.fhir.r4.model.Coding::getCode).findFirst()
                .orElseThrow(() -> new RecordRejected(field, "needs a coding from " + KIND_SYSTEM + " with one of "
                        + allowed.stream().sorted().toList()));
    }

    private static void require(Date value, String field) {
        if (value == null) {
            throw new RecordRejected(field, "is required");
        }
    }

    private static Reference subject(Resource resource) {
        if (resource instanceof ServiceRequest r) {
            return r.getSubject();
        } else if (resource instanceof Encounter r) {
            return r.getSubject();
        } else if (resource instanceof Procedure r) {
            return r.getSubject();
        } else if (resource instanceof Flag r) {
            return r.getSubject();
        }
        return new Reference();
    }

    /**
     * Text PostgreSQL cannot store in the record or its Patient, named by element
     * ({@code Patient.name[0].given[0]}); {@code raw} is the one-record Bundle of {@link #rawRecord}.
     */
    private static java.util.Optional<StorableText.Finding> unstorable(String raw) {
        for (tools.jackson.databind.JsonNode entry : JSON.readTree(raw).path("entry")) {
            tools.jackson.databind.JsonNode resource = entry.path("resource");
            var found = StorableText.in(resource, resource.path("resourceType").asString("Resource"));
            if (found.isPresent()) {
                return found;
            }
        }
        return java.util.Optional.empty();
    }

    /** The record and its Patient as a one-record collection Bundle: what quarantine replays. */
    private String rawRecord(Resource resource, Patient patient) {
        Bundle one = new Bundle().setType(Bundle.BundleType.COLLECTION);
        if (patient != null) {
            one.addEntry().setFullUrl(subject(resource).getReference()).setResource(patient);
        }
        one.addEntry().setResource(resource);
        return fhir.newJsonParser().encodeResourceToString(one);
    }
}
