package org.safeguarding.hub.intake;

import org.safeguarding.hub.child.ChildDetails;

/**
 * A feed whose messages are the JSON envelope ({@link JsonBatch}) and whose records each carry a
 * {@code recordId}, a {@code type} and a {@code child} block, checked against the feed's published
 * schema; subclasses map the type's own fields.
 */
public abstract class JsonFeed implements FeedAdapter {

    private final JsonBatch.Contract contract;

    /** @param schemaFile the feed's contract in docs/feeds, e.g. {@code police.schema.json} ({@link FeedSchema}) */
    protected JsonFeed(String schemaFile) {
        this.contract = JsonBatch.Contract.of(schemaFile);
    }

    @Override
    public ParsedMessage parse(byte[] body, String contentType, ParseContext context) {
        return JsonBatch.parse(body, context, contract, this::map);
    }

    @Override
    public ParsedRecord reparse(String rawRecord, int position, ParseContext context) {
        return JsonBatch.reparse(rawRecord, position, context, contract.record(), this::map);
    }

    private ParsedRecord.Valid map(JsonRecord record, int position, String raw, ParseContext context) {
        String recordId = record.text("recordId");
        String type = record.text("type");
        ChildDetails child = ChildFields.fromJson(record, context);
        return new ParsedRecord.Valid(position, raw, child, fact(type, recordId, record, context), record.names());
    }

    /** The canonical fact for a record of {@code type}; throws {@link RecordRejected} naming the field. */
    protected abstract CanonicalFact fact(String type, String recordId, JsonRecord record, ParseContext context);

    protected static RecordRejected unknownType(JsonRecord record, String type, java.util.Collection<String> known) {
        return new RecordRejected(record.field("type"), "is not a record type of this feed; expected one of "
                + known.stream().sorted().toList(), type);
    }
}
