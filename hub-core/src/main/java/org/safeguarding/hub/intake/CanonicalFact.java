package org.safeguarding.hub.intake;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One row of the common dataset, as an adapter maps a partner record: the canonical table, the
 * partner's id for the record (for duplicates and supersession) and the table's own columns. The
 * store adds the id, partnership, child and provenance columns. {@code dependents} are rows that
 * hang off this one (a strategy discussion's attendance), keyed by {@code parentColumn}.
 */
public record CanonicalFact(String table, String partnerRecordId, Map<String, Object> values, List<Dependent> dependents) {

    public record Dependent(String table, String parentColumn, Map<String, Object> values) {
    }

    public CanonicalFact {
        values = new LinkedHashMap<>(values);
        dependents = List.copyOf(dependents);
    }

    public CanonicalFact(String table, String partnerRecordId, Map<String, Object> values) {
        this(table, partnerRecordId, values, List.of());
    }
}
