package org.safeguarding.hub.intake;

import org.safeguarding.hub.child.ChildDetails;
import org.safeguarding.hub.validation.StorableText;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The last guard before a record's rows are written, whatever adapter read it: a value PostgreSQL
 * cannot store ({@link StorableText}: a NUL, a lone surrogate) in any text the record would write (the
 * child's details, and every text and jsonb column its kind's writer declares) rejects the record naming the column,
 * instead of failing the whole message's transaction. The JSON adapters name the partner's own field
 * before this is reached; this catches every other path (CSV cells, FHIR elements, jsonb details).
 */
final class StorableRecords implements IntakeRules {

    @Override
    public Optional<ParsedRecord.Invalid> refuse(ParsedRecord.Valid record, Instant receivedAt) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("recordId", record.fact().partnerRecordId());
        ChildDetails child = record.child();
        values.put("child.givenName", child.givenName());
        values.put("child.familyName", child.familyName());
        values.put("child.sex", child.sex());
        values.put("child.postcode", child.postcode());
        values.put("child.ethnicity", child.ethnicity());
        child.identifiers().forEach((kind, value) -> values.put("child." + kind.code(), value));
        values.putAll(FactTables.of(record.fact()).texts(record.fact()));
        for (var entry : values.entrySet()) {
            Optional<String> problem = Optional.empty();
            if (entry.getValue() instanceof String text) {
                problem = StorableText.problem(text);
            } else if (entry.getValue() instanceof Json json) {
                // jsonb also refuses the escaped form of NUL that the JSON writer makes of it
                problem = json.text().contains("\\u0000") ? StorableText.problem("\0") : StorableText.problem(json.text());
            }
            if (problem.isPresent()) {
                return Optional.of(new ParsedRecord.Invalid(record.position(), record.raw(), entry.getKey(), problem.get()));
            }
        }
        return Optional.empty();
    }
}
