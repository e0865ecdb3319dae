package org.safeguarding.hub.intake;

import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Writes the canonical rows of one message in batches, one per table and column set. A record the
 * agency sent before with the same content is a duplicate (nothing written); with different content
 * it supersedes the earlier row, which is kept with superseded_by pointing at the new one.
 */
public final class FactWriter {

    /** A fact ready to write: whose child, in which partnership, from which record. */
    public record Placed(int position, String raw, UUID childId, String partnershipId, CanonicalFact fact) {
    }

    private record Version(UUID rowId, String hash) {
    }

    private final JdbcTemplate jdbc;

    public FactWriter(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Outcome (accepted or duplicate, with the row id) for each placed fact, in order. */
    public List<RecordOutcome> write(String agencyId, UUID messageId, Instant receivedAt, List<Placed> facts) {
        Map<String, Version> current = currentVersions(agencyId, facts);
        Map<String, Object[]> versionRows = new LinkedHashMap<>();
        Map<UUID, UUID> supersededInBatch = new HashMap<>();
        List<Object[]> supersedeStored = new ArrayList<>();
        List<String> supersedeTables = new ArrayList<>();
        List<RecordOutcome> outcomes = new ArrayList<>();
        List<Object[]> pending = new ArrayList<>(); // {Placed, UUID id}
        for (Placed placed : facts) {
            CanonicalFact fact = placed.fact();
            String key = fact.table() + '\u001f' + fact.partnerRecordId();
            String hash = Submission.sha256(placed.raw());
            Version previous = current.get(key);
            if (previous != null && previous.hash().equals(hash)) {
                outcomes.add(new RecordOutcome(placed.position(), RecordOutcome.DUPLICATE, fact.table(), previous.rowId(),
                        null, null));
                continue;
            }
            UUID id = UUID.randomUUID();
            if (previous != null) {
                if (versionRows.containsKey(key)) {
                    supersededInBatch.put(previous.rowId(), id);
                } else {
                    supersedeStored.add(new Object[] {id, previous.rowId()});
                    supersedeTables.add(fact.table());
                }
            }
            current.put(key, new Version(id, hash));
            versionRows.put(key, new Object[] {agencyId, fact.table(), fact.partnerRecordId(), hash, id, messageId,
                    placed.position()});
            pending.add(new Object[] {placed, id});
            outcomes.add(new RecordOutcome(placed.position(), RecordOutcome.ACCEPTED, fact.table(), id, null, null));
        }
        // Earlier rows leave the "current" unique index before their successors enter it; the
        // superseded_by foreign keys are checked at commit (V10).
        for (int i = 0; i < supersedeStored.size(); i++) {
            jdbc.update("UPDATE " + supersedeTables.get(i) + " SET superseded_by = ? WHERE id = ?", supersedeStored.get(i));
        }
        insert(agencyId, messageId, receivedAt, pending, supersededInBatch);
        Rows.batch(jdbc, """
                INSERT INTO record_version (agency_id, record_type, partner_record_id, record_hash, row_id, message_id, position)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (agency_id, record_type, partner_record_id) DO UPDATE SET record_hash = EXCLUDED.record_hash,
                    row_id = EXCLUDED.row_id, message_id = EXCLUDED.message_id, position = EXCLUDED.position""",
                new ArrayList<>(versionRows.values()));
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

    private void insert(String agencyId, UUID messageId, Instant receivedAt, List<Object[]> pending,
                        Map<UUID, UUID> supersededInBatch) {
        Map<String, List<Object[]>> parents = new LinkedHashMap<>();
        Map<String, List<Object[]>> dependents = new LinkedHashMap<>();
        for (Object[] p : pending) {
            Placed placed = (Placed) p[0];
            UUID id = (UUID) p[1];
            Map<String, Object> columns = new LinkedHashMap<>();
            columns.put("id", id);
            columns.put("partnership_id", placed.partnershipId());
            columns.put("child_id", placed.childId());
            columns.put("partner_record_id", placed.fact().partnerRecordId());
            provenance(columns, agencyId, messageId, placed.position(), receivedAt);
            columns.put("superseded_by", supersededInBatch.get(id));
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
        Map<String, Version> current = new HashMap<>();
        if (facts.isEmpty()) {
            return current;
        }
        String[] types = facts.stream().map(f -> f.fact().table()).toArray(String[]::new);
        String[] ids = facts.stream().map(f -> f.fact().partnerRecordId()).toArray(String[]::new);
        // One primary-key probe per wanted record (LATERAL ... LIMIT 1 keeps the planner from hashing
        // the agency's whole history instead, which made each message slower than the one before).
        jdbc.query("""
                SELECT wanted.record_type, wanted.partner_record_id, v.row_id, v.record_hash
                FROM unnest(?::text[], ?::text[]) AS wanted (record_type, partner_record_id)
                JOIN LATERAL (SELECT row_id, record_hash FROM record_version
                              WHERE agency_id = ? AND record_type = wanted.record_type
                                AND partner_record_id = wanted.partner_record_id LIMIT 1) v ON true""", ps -> {
            ps.setArray(1, ps.getConnection().createArrayOf("text", types));
            ps.setArray(2, ps.getConnection().createArrayOf("text", ids));
            ps.setString(3, agencyId);
        }, rs -> {
            current.put(rs.getString(1) + '\u001f' + rs.getString(2), new Version(rs.getObject(3, UUID.class), rs.getString(4)));
        });
        return current;
    }
}
