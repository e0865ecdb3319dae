package org.safeguarding.hub.intake;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.List;
import java.util.Optional;

/**
 * A JSON feed's published contract, {@code docs/feeds/<feed>.schema.json} (JSON Schema 2020-12), enforced
 * as published: the build copies those very files onto the classpath ({@code feeds/}, adapters' pom), so
 * the schema a partner reads, the one in the OpenAPI document and the one checked here cannot drift.
 * Checked by networknt's json-schema-validator with format assertions on ({@code date},
 * {@code date-time} are checks, not annotations).
 *
 * <p>A violation is answered in the hub's words, naming the field by its JSON pointer into the
 * partner's own message ({@code /records/2/child/postcode}; {@code /child/postcode} in a referral form)
 * and keeping the value apart ({@link RejectionReason}: the rule never quotes it). The schema checks
 * shape, types, codes, lengths, patterns and formats; what no schema can say (check digits, dates in
 * range, an end after its start, partnership routing) stays in the adapters.
 */
public final class FeedSchema {

    /** The {@code $id} prefix of every feed schema, resolved to the copies on the classpath. */
    static final String BASE = "https://safeguarding-hub.org.uk/feeds/";
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            builder -> builder.schemas(iri -> iri.startsWith(BASE) ? checkable(iri.substring(BASE.length())) : null));

    /** The schema files as the validator reads them ({@link #checkable}), by file name. */
    private static final Map<String, JsonNode> DOCUMENTS = new ConcurrentHashMap<>();
    /** Where {@link #checkable} puts a record schema narrowed to one type: {@code #/$defs/<prefix><index>}. */
    private static final String NARROWED = "hub-record-of-type-";

    private final Schema schema;
    /** The record's type property and, by its code, the record schema narrowed to that type; empty for a document. */
    private final String typeProperty;
    private final Map<String, Schema> byType;

    private FeedSchema(String location, String typeProperty, Map<String, Schema> byType) {
        this.schema = load(location);
        this.typeProperty = typeProperty;
        this.byType = byType;
    }

    private static Schema load(String location) {
        Schema schema = REGISTRY.getSchema(SchemaLocation.of(BASE + location));
        schema.initializeValidators(); // resolve every $ref now: a broken contract stops start-up, not a message
        return schema;
    }

    /** The whole document of {@code <file>}, e.g. {@code marf.schema.json} (one form per message). */
    public static FeedSchema document(String file) {
        return new FeedSchema(file, null, Map.of());
    }

    /** One record of a batch feed: {@code #/$defs/record} of {@code <file>}, e.g. {@code police.schema.json}. */
    public static FeedSchema record(String file) {
        Optional<TypeBranches> branches = TypeBranches.of(checkableDocument(file).path("$defs").path("record"));
        Map<String, Schema> byType = new java.util.HashMap<>();
        branches.ifPresent(b -> {
            for (int i = 0; i < b.codes().size(); i++) {
                byType.put(b.codes().get(i), load(file + "#/$defs/" + NARROWED + i));
            }
        });
        return new FeedSchema(file + "#/$defs/record", branches.map(TypeBranches::property).orElse(null), Map.copyOf(byType));
    }

    /**
     * The record schema's branches by type: the members of its {@code allOf} whose {@code if} is only
     * {@code {"properties": {P: {"enum": [code]}}}} (a {@code const} already read as that enum), all on one
     * property P. For a record whose P is one of those codes, every other such branch's {@code if} fails, so
     * its {@code then} never applies and the error the validator builds for the failed {@code if} is dropped:
     * the record schema without those branches answers exactly the same errors, in the same order. Checking
     * a record against its type's narrowed schema spares the validator the failing {@code if}s (6 of 7 for a
     * police record, 7 of 8 for social care): alone, warm, one thread, the examples' records took 4 µs each
     * against 5.5-7 µs for the whole schema. Records whose P is anything else (missing, unknown, not text)
     * get the whole schema.
     */
    private record TypeBranches(String property, List<String> codes) {

        static Optional<TypeBranches> of(JsonNode record) {
            String property = null;
            List<String> codes = new ArrayList<>();
            for (JsonNode branch : record.path("allOf")) {
                JsonNode condition = branch.path("if");
                if (condition.size() != 1 || condition.path("properties").size() != 1) {
                    continue;
                }
                var only = condition.path("properties").properties().iterator().next();
                JsonNode codesOf = only.getValue().path("enum");
                if (only.getValue().size() != 1 || codesOf.size() != 1 || !codesOf.get(0).isString()
                        || (property != null && !property.equals(only.getKey()))) {
                    continue;
                }
                property = only.getKey();
                if (!codes.contains(codesOf.get(0).stringValue())) {
                    codes.add(codesOf.get(0).stringValue());
                }
            }
            return property == null ? Optional.empty() : Optional.of(new TypeBranches(property, List.copyOf(codes)));
        }

        /** {@code record} without the branches of the other codes. */
        JsonNode narrowed(JsonNode record, String code) {
            ObjectNode narrowed = (ObjectNode) record.deepCopy();
            var allOf = narrowed.putArray("allOf");
            for (JsonNode branch : record.path("allOf")) {
                String of = codeOf(branch);
                if (of == null || of.equals(code)) {
                    allOf.add(branch.deepCopy());
                }
            }
            return narrowed;
        }

        /** The code a branch is for, or null when it is not one of these branches. */
        private String codeOf(JsonNode branch) {
            JsonNode condition = branch.path("if");
            JsonNode test = condition.path("properties").path(property);
            return condition.size() == 1 && condition.path("properties").size() == 1 && test.size() == 1
                    && test.path("enum").size() == 1 && test.path("enum").get(0).isString()
                    && codes.contains(test.path("enum").get(0).stringValue()) ? test.path("enum").get(0).stringValue() : null;
        }
    }

    /** The schema that answers for {@code node}: its type's narrowed record schema when there is one. */
    private Schema schemaFor(JsonNode node) {
        JsonNode type = typeProperty == null ? null : node.get(typeProperty);
        if (type != null && type.isString()) {
            Schema narrowed = byType.get(type.stringValue());
            if (narrowed != null) {
                return narrowed;
            }
        }
        return schema;
    }

    /**
     * The first violation of {@code node}, which sits at {@code pointer} in the partner's message ("" for
     * the whole document, "/records/2" for a record), as a rejection naming the field; empty when it
     * conforms.
     */
    public Optional<RecordRejected> violation(JsonNode node, String pointer) {
        List<Error> errors = schemaFor(node).validate(node, execution -> execution
                .executionConfig(config -> config.formatAssertionsEnabled(true).failFast(false)));
        return errors.isEmpty() ? Optional.empty() : Optional.of(rejection(errors.get(0), pointer));
    }

    /** Every violation, each in the hub's words; for the contract's own tests and tools. */
    public List<RejectionReason> violations(JsonNode node, String pointer) {
        List<RejectionReason> reasons = new ArrayList<>();
        schemaFor(node).validate(node, execution -> execution.executionConfig(config -> config.formatAssertionsEnabled(true)))
                .forEach(error -> reasons.add(rejection(error, pointer).reason()));
        return reasons;
    }

    /** One validator error as the hub words it (the same words as the adapters' own checks). */
    static RecordRejected rejection(Error error, String pointer) {
        String at = pointer + error.getInstanceLocation().toString();
        JsonNode value = error.getInstanceNode();
        JsonNode rule = error.getSchemaNode();
        String sent = value == null || value.isContainer() ? null : value.isString() ? value.stringValue() : value.toString();
        String location = String.valueOf(error.getSchemaLocation());
        int anyOf = location.lastIndexOf("/anyOf/");
        if (anyOf > 0) {
            // A failed anyOf reports why each branch failed (a member missing, or blank); the partner needs the
            // choice instead, named by the member missing or else by the choice's first member.
            JsonNode branches = schemaAt(location.substring(0, anyOf + "/anyOf".length()));
            boolean missing = error.getKeyword().equals("required");
            String field = missing ? error.getProperty() : branches.path(0).path("required").path(0).stringValue();
            // a missing member is reported at its object, a blank one at the member itself
            String object = pointer + (missing ? error.getInstanceLocation() : error.getInstanceLocation().getParent());
            return new RecordRejected(object + "/" + field,
                    "is missing, and nothing else identifies the record: it needs one of " + alternatives(branches));
        }
        return switch (error.getKeyword()) {
            case "required" -> new RecordRejected(at + "/" + error.getProperty(), "is required");
            case "type" -> new RecordRejected(at, "must be " + typeWords(rule));
            case "enum", "const" -> new RecordRejected(at, "is not a known code; expected one of " + codes(error), sent);
            case "maxLength" -> new RecordRejected(at, "is " + (value == null ? "too" : value.stringValue()
                    .codePointCount(0, value.stringValue().length()) + " characters") + " long; at most "
                    + rule.asInt() + " are accepted");
            case "minLength" -> new RecordRejected(at, "must not be empty");
            case "pattern" -> new RecordRejected(at, "does not have the form the contract gives (" + rule.stringValue() + ")",
                    sent);
            case "format" -> new RecordRejected(at, switch (rule.stringValue()) {
                case "date" -> "is not a date like 2015-04-30";
                case "date-time" -> "is not a date-time with offset like 2026-03-01T18:30:00Z";
                default -> "is not a valid " + rule.stringValue();
            }, sent);
            case "minimum", "maximum" -> new RecordRejected(at, "must be " + range(error), sent);
            case "maxItems" -> new RecordRejected(at, "may hold at most " + rule.asInt() + " items");
            default -> new RecordRejected(at, "does not match the contract (" + error.getKeyword() + ")");
        };
    }

    private static String typeWords(JsonNode type) {
        return switch (type.isString() ? type.stringValue() : type.toString()) {
            case "string" -> "a string";
            case "object" -> "an object";
            case "array" -> "an array";
            case "boolean" -> "true or false";
            case "integer" -> "a whole number";
            case "number" -> "a number";
            default -> "of type " + type;
        };
    }

    /** The codes the schema allows at the failing keyword ({@code enum} array or {@code const} value). */
    private static List<String> codes(Error error) {
        JsonNode rule = error.getSchemaNode();
        List<String> codes = new ArrayList<>();
        if (rule.isArray()) {
            rule.forEach(code -> codes.add(code.isString() ? code.stringValue() : code.toString()));
        } else {
            codes.add(rule.isString() ? rule.stringValue() : rule.toString());
        }
        return codes;
    }

    /** "at least 1" or "at most 4". */
    private static String range(Error error) {
        return (error.getKeyword().equals("minimum") ? "at least " : "at most ") + error.getSchemaNode();
    }

    /** The alternatives of an {@code anyOf} of {@code required} lists: "nhsNumber; upn; familyName and dateOfBirth". */
    private static String alternatives(JsonNode branches) {
        List<String> each = new ArrayList<>();
        for (JsonNode branch : branches) {
            List<String> names = new ArrayList<>();
            branch.path("required").forEach(name -> names.add(name.stringValue()));
            each.add(String.join(" and ", names));
        }
        return String.join("; ", each);
    }

    /** The schema node at {@code location} ({@code <$id>#<pointer>}), in its file as the validator reads it. */
    private static JsonNode schemaAt(String location) {
        int hash = location.indexOf('#');
        String file = location.substring(location.lastIndexOf('/', hash) + 1, hash);
        return checkableDocument(file).at(location.substring(hash + 1));
    }

    /**
     * The schema file {@code feeds/<file>} as the validator reads it: each {@code const} inside an
     * {@code if} written as the one-value {@code enum} it is equivalent to (JSON Schema 2020-12, 6.1.3).
     * A record's type picks its {@code then} by such an {@code if}, so every record fails all the others;
     * the validator builds an error for each failed {@code if} and throws it away, and a failed
     * {@code const} serialises its value with Jackson to do so, which was a third of the schema check's
     * CPU (an {@code enum} keeps its values as text). Errors inside an {@code if} are never reported, so
     * no answer changes; the published file and the OpenAPI document are untouched. The record schema
     * narrowed to each type is added under {@code $defs} ({@link TypeBranches}).
     */
    private static String checkable(String file) {
        return checkableDocument(file).toString();
    }

    /**
     * The file as the validator reads it ({@link #checkable}): consts in ifs as enums, and the record
     * schema narrowed to each type under {@code #/$defs/hub-record-of-type-<i>} ({@link TypeBranches}).
     * Made once per file and never changed after.
     */
    private static JsonNode checkableDocument(String file) {
        return DOCUMENTS.computeIfAbsent(file, f -> {
            JsonNode schema = read(f);
            schema.findParents("if").forEach(parent -> constAsEnum(parent.get("if")));
            JsonNode record = schema.path("$defs").path("record");
            TypeBranches.of(record).ifPresent(branches -> {
                for (int i = 0; i < branches.codes().size(); i++) {
                    ((ObjectNode) schema.get("$defs")).set(NARROWED + i, branches.narrowed(record, branches.codes().get(i)));
                }
            });
            return schema;
        });
    }

    private static void constAsEnum(JsonNode node) {
        if (node instanceof ObjectNode object && object.has("const") && !object.has("enum")) {
            object.putArray("enum").add(object.remove("const"));
        }
        node.forEach(FeedSchema::constAsEnum);
    }

    /** The schema file {@code feeds/<file>} as JSON, for the contract's own tools (the OpenAPI document). */
    public static JsonNode read(String file) {
        try (InputStream in = FeedSchema.class.getResourceAsStream("/feeds/" + file)) {
            if (in == null) {
                throw new IllegalStateException("feeds/" + file + " is not on the classpath (adapters' pom copies docs/feeds)");
            }
            return JsonBatch.JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
