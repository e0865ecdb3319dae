package org.safeguarding.hub.intake;

import org.safeguarding.hub.validation.StorableText;
import org.safeguarding.hub.validation.DuplicateKeys;
import org.safeguarding.hub.validation.JsonSyntax;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

/**
 * The envelope of the JSON feeds: {@code {"messageId": "...", "records": [ {...}, ... ]}}. Reads
 * with hard limits (nesting depth, string length, record count) and turns each record into a
 * canonical fact or a rejection, so one bad record never spoils the rest. The feed's published JSON
 * Schema ({@link FeedSchema}) is checked first; the mappers then read the values and check what no
 * schema can say.
 */
public final class JsonBatch {

    static final JsonMapper JSON = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(Limits.MAX_JSON_DEPTH)
                            .maxStringLength(1_000_000)
                            .maxNumberLength(30)
                            .build())
                    .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            // A key twice in one object: which value counts would be a guess, so the message is refused.
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private JsonBatch() {
    }

    /**
     * The message's JSON, read strictly: UTF-8 (a byte-order mark is dropped, other encodings are
     * refused by {@link Utf8Text}), no key twice in one object, within the limits. Errors:
     * {@link MalformedMessage} at "/", "line N", or the JSON pointer of a duplicated key.
     */
    public static JsonNode read(byte[] body) {
        int from = Utf8Text.bomLength(body);
        try {
            JsonNode root = JSON.readTree(body, from, body.length - from);
            if (root == null || root.isMissingNode()) {
                throw new MalformedMessage("/", "The body is empty; a JSON object is expected.");
            }
            return root;
        } catch (JacksonException e) {
            DuplicateKeys.pointer(e).ifPresent(pointer -> {
                throw new MalformedMessage(pointer, "The key '" + ((JsonParser) e.processor()).streamReadContext()
                        .currentName() + "' appears twice in one object (at " + pointer + "); which value counts would "
                        + "be a guess, so the message is refused.");
            });
            Utf8Text.decode(body); // bytes that are not UTF-8 are refused naming the line and the byte
            throw new MalformedMessage("/", "The body is not well-formed JSON within the hub's limits (nesting depth "
                    + Limits.MAX_JSON_DEPTH + "): " + JsonSyntax.describe(e) + ".");
        }
    }

    /**
     * {@code {"messageId", "records": [...]}}: the envelope is checked against {@code contract}'s document
     * schema (a violation refuses the message), then each record against its record schema and mapped,
     * one by one, so one bad record never spoils the rest.
     */
    public static ParsedMessage parse(byte[] body, ParseContext context, Contract contract, Mapper mapper) {
        JsonNode root = read(body);
        if (!root.isObject()) {
            throw new MalformedMessage("/", "The body must be a JSON object with a 'records' array.");
        }
        ObjectNode envelope = JSON.createObjectNode();
        for (var field : root.properties()) {
            StorableText.problem(field.getKey()).ifPresent(reason -> {
                throw new MalformedMessage("/", "A field name of the message " + reason + ".");
            });
            if (!field.getKey().equals("records")) {
                StorableText.inJson(field.getValue(), "/" + field.getKey()).ifPresent(found -> {
                    throw new MalformedMessage(found.field(), found.field() + " " + found.reason() + ".");
                });
                envelope.set(field.getKey(), field.getValue());
            }
        }
        JsonNode records = root.get("records");
        if (records == null || !records.isArray()) {
            throw new MalformedMessage("/records", "'records' is required and must be an array.");
        }
        if (records.size() > Limits.MAX_RECORDS) {
            throw new MalformedMessage("/records", "A message may carry at most " + Limits.MAX_RECORDS
                    + " records; this one has " + records.size() + ".", true);
        }
        // The envelope without its records, which are checked one by one below.
        envelope.putArray("records");
        contract.message().violation(envelope, "").ifPresent(violation -> {
            throw new MalformedMessage(violation.field(), violation.field() + " " + violation.getMessage() + ".");
        });
        List<ParsedRecord> parsed = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            parsed.add(one(records.get(i), "/records/" + i, i, context, contract.record(), mapper));
        }
        JsonNode messageId = root.get("messageId");
        return new ParsedMessage(messageId == null || messageId.isNull() ? null : messageId.stringValue(), parsed);
    }

    /** A batch feed's published schema: the whole message's, and one record's ({@code #/$defs/record}). */
    public record Contract(FeedSchema message, FeedSchema record) {

        /** {@code file}: the schema's name in docs/feeds, e.g. {@code police.schema.json}. */
        public static Contract of(String file) {
            return new Contract(FeedSchema.document(file), FeedSchema.record(file));
        }
    }

    /**
     * One record; its raw form is the record's own JSON, re-readable for replay. {@code pointer} is
     * where the record is in the partner's message ({@code /records/2}; "" when it is the message),
     * the prefix of every field a rejection names.
     */
    public static ParsedRecord one(JsonNode node, String pointer, int position, ParseContext context, FeedSchema schema,
                                   Mapper mapper) {
        String raw = node.toString();
        if (!node.isObject()) {
            return new ParsedRecord.Invalid(position, raw, pointer, "must be a JSON object");
        }
        var unstorable = StorableText.inJson(node, pointer);
        if (unstorable.isPresent()) {
            return new ParsedRecord.Invalid(position, raw, unstorable.get().field(), unstorable.get().reason());
        }
        var violation = schema.violation(node, pointer);
        if (violation.isPresent()) {
            return violation.get().at(position, raw);
        }
        try {
            JsonRecord record = new JsonRecord(node, pointer);
            return mapper.map(record, position, raw, context);
        } catch (RecordRejected rejected) {
            return rejected.at(position, raw);
        }
    }

    /** A quarantined record of a batch read again, named as at its original place in its message. */
    public static ParsedRecord reparse(String raw, int position, ParseContext context, FeedSchema schema, Mapper mapper) {
        return one(read(raw.getBytes(java.nio.charset.StandardCharsets.UTF_8)), "/records/" + position, position,
                context, schema, mapper);
    }

    /** Maps one JSON record to a valid record; throws {@link RecordRejected}. */
    @FunctionalInterface
    public interface Mapper {
        ParsedRecord.Valid map(JsonRecord record, int position, String raw, ParseContext context);
    }
}
