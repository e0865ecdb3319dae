package org.safeguarding.hub.intake;

import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Writes the canonical rows of one message in batches, one per table and column set. A record the
 * agency sent before with the same content is a duplicate (nothing written); with different content
 * it supersedes the earlier row, which is kept with superseded_by pointing at the new one. Each row
 * keeps its record's content hash (record_hash, V12); the current row of a partner record is the
 * one its table's "_current" unique index finds.
 */
public final class FactWriter {

    /** A fact ready to write: whose child, in which partnership, from which record. */
    public record Placed(int position, String raw, UUID childId, String partnershipId, CanonicalFact fact) {
    }

    private record Version(UUID rowId, String hash) {
    }

    /** A row to insert: the record, its new id and its content hash. */
    private record Pending(Placed placed, UUID id, String hash) {
    }

    private final JdbcTemplate jdbc;

    public FactWriter(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Outcome (accepted or duplicate, with the row id) for each placed fact, in order. */
    public List<RecordOutcome> write(String agencyId, UUID messageId, Instant receivedAt, List<Placed> facts) {
        Map<String, Version> current = currentVersions(agencyId, facts);
        Set<String> writtenInBatch = new HashSet<>();
        Map<UUID, UUID> supersededInBatch = new HashMap<>();
        List<Object[]> supersedeStored = new ArrayList<>();
        List<String> supersedeTables = new ArrayList<>();
        List<RecordOutcome> outcomes = new ArrayList<>();
        List<Pending> pending = new ArrayList<>();
        for (Placed placed : facts) {
            CanonicalFact fact = placed.fact();
            String key = fact.table() + '\u001f' + fact.partnerRecordId();
            String hash = Submission.sha256(placed.raw());
            Version previous = current.get(key);
            if (previous != null && previous.hash().equals(hash)) {
                outcomes.add(new RecordOutcome(placed.position(), RecordOutcome.DUPLICATE, fact.table(), previous.rowId()));
                continue;
            }
            UUID id = UUID.randomUUID();
            if (previous != null) {
                if (writtenInBatch.contains(key)) {
                    supersededInBatch.put(previous.rowId(), id);
                } else {
                    supersedeStored.add(new Object[] {id, previous.rowId()});
                    supersedeTables.add(fact.table());
                }
            }
            current.put(key, new Version(id, hash));
            writtenInBatch.add(key);
            pending.add(new Pending(placed, id, hash));
            outcomes.add(new RecordOutcome(placed.position(), RecordOutcome.ACCEPTED, fact.table(), id));
        }
        // Earlier rows leave the "current" unique index before their successors enter it; the
        // superseded_by foreign keys are checked at commit (V10).
        for (int i = 0; i < supersedeStored.size(); i++) {
            jdbc.update("UPDATE " + supersedeTables.get(i) + " SET superseded_by = ? WHERE id = ?", supersedeStored.get(i));
        }
        insert(agencyId, messageId, receivedAt, pending, supersededInBatch);
        return outcomes;
    }

    /**
     * Points the rows written for some records at other children: identity resolution settled
     * them on a child another message created while this one was being written.
     */
    public void relink(List<RecordOutcome> outcomes, Map<Integer, UUID> childByPosition) {
        Map<String, List<Object[]>> byTable = new LinkedHashMap<>();
        for (RecordOutcome outcome : outcomes) {
            UUID child = childByPosition.get(outcome.position());
            if (child != null && outcome.outcome().equals(RecordOutcome.ACCEPTED)) {
                byTable.computeIfAbsent(outcome.recordType(), t -> new ArrayList<>())
                        .add(new Object[] {child, outcome.recordId()});
            }
        }
        byTable.forEach((table, rows) -> Rows.batch(jdbc, "UPDATE " + table + " SET child_id = ? WHERE id = ?", rows));
    }

    private void insert(String agencyId, UUID messageId, Instant receivedAt, List<Pending> pending,
                        Map<UUID, UUID> supersededInBatch) {
        Map<String, List<Object[]>> parents = new LinkedHashMap<>();
        Map<String, List<Object[]>> dependents = new LinkedHashMap<>();
        for (Pending p : pending) {
            Placed placed = p.placed();
            UUID id = p.id();
            Map<String, Object> columns = new LinkedHashMap<>();
            columns.put("id", id);
            columns.put("partnership_id", placed.partnershipId());
            columns.put("child_id", placed.childId());
            columns.put("partner_record_id", placed.fact().partnerRecordId());
            provenance(columns, agencyId, messageId, placed.position(), receivedAt);
            columns.put("superseded_by", supersededInBatch.get(id));
            columns.put("record_hash", p.hash());
            columns.putAll(placed.fact().values());
            add(parents, placed.fact().table(), columns);
            for (CanonicalFact.Dependent dependent : placed.fact().dependents()) {
                Map<String, Object> row = new LinkedHashMap<>(dependent.values());
                row.put(dependent.parentColumn(), id);
                provenance(row, agencyId, messageId, placed.position(), receivedAt);
                add(dependents, dependent.table(), row);
            }
        }
        // Parents first: dependents' foreign keys point at them.
        parents.forEach((sql, rows) -> Rows.batch(jdbc, sql, rows));
        dependents.forEach((sql, rows) -> Rows.batch(jdbc, sql, rows));
    }

    private static void provenance(Map<String, Object> row, String agencyId, UUID messageId, int position, Instant at) {
        row.put("source_agency_id", agencyId);
        row.put("source_message_id", messageId);
        row.put("source_position", position);
        row.put("recorded_at", at);
    }

    /** Batches are keyed by their SQL text; null columns are left out so no batch binds a null. */
    private static void add(Map<String, List<Object[]>> batches, String table, Map<String, Object> columns) {
        columns.values().removeIf(java.util.Objects::isNull);
        StringBuilder names = new StringBuilder();
        StringBuilder marks = new StringBuilder();
        for (var column : columns.entrySet()) {
            names.append(names.isEmpty() ? "" : ", ").append(column.getKey());
            marks.append(marks.isEmpty() ? "" : ", ").append(Rows.placeholder(column.getValue()));
        }
        String sql = "INSERT INTO " + table + " (" + names + ") VALUES (" + marks + ")";
        batches.computeIfAbsent(sql, s -> new ArrayList<>()).add(columns.values().toArray());
    }

    private Map<String, Version> currentVersions(String agencyId, List<Placed> facts) {
        Map<String, List<String>> idsByTable = new LinkedHashMap<>();
        facts.forEach(f -> idsByTable.computeIfAbsent(f.fact().table(), t -> new ArrayList<>()).add(f.fact().partnerRecordId()));
        Map<String, Version> current = new HashMap<>();
        // One query per table in the message (usually one): one probe of its "_current" unique index
        // per wanted record (LATERAL ... LIMIT 1 keeps the planner from scanning the agency's whole
        // history instead, which made each message slower than the one before).
        idsByTable.forEach((table, ids) -> jdbc.query("""
                SELECT wanted.id, r.id, r.record_hash FROM unnest(?::text[]) AS wanted (id)
                JOIN LATERAL (SELECT id, record_hash FROM %s WHERE source_agency_id = ? AND partner_record_id = wanted.id
                              AND partner_record_id IS NOT NULL AND superseded_by IS NULL LIMIT 1) r ON true"""
                .formatted(table), ps -> {
            ps.setArray(1, ps.getConnection().createArrayOf("text", ids.toArray()));
            ps.setString(2, agencyId);
        }, rs -> {
            current.put(table + '\u001f' + rs.getString(1), new Version(rs.getObject(2, UUID.class), rs.getString(3)));
        }));
        return current;
    }
}
