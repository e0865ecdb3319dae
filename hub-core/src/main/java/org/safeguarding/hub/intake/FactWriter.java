package org.safeguarding.hub.intake;

import org.safeguarding.hub.database.SqlRow;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;

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
 * Writes the canonical rows of one message in batches, one per table and set of columns with values,
 * each kind's own columns by its writer ({@link FactTables}). A record the agency sent before with the same content is a duplicate
 * (nothing written); with different content it supersedes the earlier row, which is kept with
 * superseded_by pointing at the new one. Each row keeps its record's content hash (record_hash,
 * V12); the current row of a partner record is the one its table's "_current" unique index finds.
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

    private final JdbcClient jdbc;
    private final NamedParameterJdbcOperations batches;

    public FactWriter(NamedParameterJdbcOperations batches) {
        this.batches = batches;
        this.jdbc = JdbcClient.create(batches);
    }

    /** Outcome (accepted or duplicate, with the row id) for each placed fact, in order. */
    public List<RecordOutcome> write(String agencyId, UUID messageId, Instant receivedAt, List<Placed> facts) {
        Map<String, Version> current = currentVersions(agencyId, facts);
        Set<String> writtenInBatch = new HashSet<>();
        Map<UUID, UUID> supersededInBatch = new HashMap<>();
        Map<String, List<SqlRow>> supersedeStored = new LinkedHashMap<>();
        List<RecordOutcome> outcomes = new ArrayList<>();
        List<Pending> pending = new ArrayList<>();
        for (Placed placed : facts) {
            CanonicalFact fact = placed.fact();
            String table = FactTables.of(fact).table();
            String key = table + '\u001f' + fact.partnerRecordId();
            String hash = Submission.sha256(placed.raw());
            Version previous = current.get(key);
            if (previous != null && previous.hash().equals(hash)) {
                outcomes.add(new RecordOutcome(placed.position(), RecordOutcome.DUPLICATE, table, previous.rowId()));
                continue;
            }
            UUID id = UUID.randomUUID();
            if (previous != null) {
                if (writtenInBatch.contains(key)) {
                    supersededInBatch.put(previous.rowId(), id);
                } else {
                    supersedeStored.computeIfAbsent(table, t -> new ArrayList<>())
                            .add(new SqlRow().uuid("successor", id).uuid("id", previous.rowId()));
                }
            }
            current.put(key, new Version(id, hash));
            writtenInBatch.add(key);
            pending.add(new Pending(placed, id, hash));
            outcomes.add(new RecordOutcome(placed.position(), RecordOutcome.ACCEPTED, table, id));
        }
        // Earlier rows leave the "current" unique index before their successors enter it; the
        // superseded_by foreign keys are checked at commit (V10).
        supersedeStored.forEach((table, rows) ->
                SqlRow.batch(batches, "UPDATE " + table + " SET superseded_by = :successor WHERE id = :id", rows));
        insert(agencyId, messageId, receivedAt, pending, supersededInBatch);
        return outcomes;
    }

    /**
     * Points the rows written for some records at other children: identity resolution settled
     * them on a child another message created while this one was being written.
     */
    public void relink(List<RecordOutcome> outcomes, Map<Integer, UUID> childByPosition) {
        Map<String, List<UUID>> rowsByTable = new LinkedHashMap<>();
        Map<String, List<UUID>> childrenByTable = new HashMap<>();
        for (RecordOutcome outcome : outcomes) {
            UUID child = childByPosition.get(outcome.position());
            if (child != null && outcome.outcome().equals(RecordOutcome.ACCEPTED)) {
                rowsByTable.computeIfAbsent(outcome.recordType(), t -> new ArrayList<>()).add(outcome.recordId());
                childrenByTable.computeIfAbsent(outcome.recordType(), t -> new ArrayList<>()).add(child);
            }
        }
        // One statement per table, the pairs as two arrays: under concurrent messages about the same
        // new children about half of a message's rows are relinked (./bench-intake), and one UPDATE
        // per row cost PostgreSQL a statement's overhead each.
        rowsByTable.forEach((table, ids) -> jdbc.sql("""
                UPDATE %s t SET child_id = r.child
                FROM unnest(CAST(:ids AS uuid[]), CAST(:children AS uuid[])) AS r (id, child) WHERE t.id = r.id"""
                .formatted(table)).param("ids", new SqlArrayValue("uuid", ids.toArray()))
                .param("children", new SqlArrayValue("uuid", childrenByTable.get(table).toArray())).update());
    }

    private void insert(String agencyId, UUID messageId, Instant receivedAt, List<Pending> pending,
                        Map<UUID, UUID> supersededInBatch) {
        Map<List<String>, List<SqlRow>> parents = new LinkedHashMap<>();
        Map<List<String>, List<SqlRow>> dependents = new LinkedHashMap<>();
        Map<List<String>, FactTable<?>> tables = new HashMap<>();
        for (Pending p : pending) {
            Placed placed = p.placed();
            FactTable<?> table = FactTables.of(placed.fact());
            SqlRow row = provenance(new SqlRow(), agencyId, messageId, placed.position(), receivedAt)
                    .uuid("id", p.id()).text("partnership_id", placed.partnershipId()).uuid("child_id", placed.childId())
                    .text("partner_record_id", placed.fact().partnerRecordId())
                    .uuid("superseded_by", supersededInBatch.get(p.id())).text("record_hash", p.hash());
            add(parents, tables, table, table.bind(row, placed.fact()));
            if (table.hasDependent()) {
                SqlRow dependent = provenance(new SqlRow(), agencyId, messageId, placed.position(), receivedAt);
                add(dependents, tables, table, table.bindDependent(dependent, placed.fact(), p.id()));
            }
        }
        // Parents first: dependents' foreign keys point at them.
        parents.forEach((key, rows) -> SqlRow.batch(batches, tables.get(key).insert(present(key)), rows));
        dependents.forEach((key, rows) -> SqlRow.batch(batches, tables.get(key).insertDependent(present(key)), rows));
    }

    /**
     * Batches rows by table and by the columns they have values for: a null column is left out of
     * the INSERT (it takes the column's default, null) rather than bound, so that PostgreSQL plans
     * the multi-row VALUES the driver rewrites a batch into without a parameter per absent value
     * (most fact columns are optional; binding them cost about a tenth more of PostgreSQL's time per
     * record in ./bench-intake).
     */
    private static void add(Map<List<String>, List<SqlRow>> batches, Map<List<String>, FactTable<?>> tables,
                            FactTable<?> table, SqlRow row) {
        List<String> key = new ArrayList<>();
        key.add(table.table());
        row.getValues().forEach((name, value) -> {
            if (value != null) {
                key.add(name);
            }
        });
        batches.computeIfAbsent(key, k -> new ArrayList<>()).add(row);
        tables.putIfAbsent(key, table);
    }

    private static List<String> present(List<String> key) {
        return key.subList(1, key.size());
    }

    private static SqlRow provenance(SqlRow row, String agencyId, UUID messageId, int position, Instant at) {
        return row.text("source_agency_id", agencyId).uuid("source_message_id", messageId)
                .integer("source_position", position).instant("recorded_at", at);
    }

    private Map<String, Version> currentVersions(String agencyId, List<Placed> facts) {
        Map<String, List<String>> idsByTable = new LinkedHashMap<>();
        facts.forEach(f -> idsByTable.computeIfAbsent(FactTables.of(f.fact()).table(), t -> new ArrayList<>())
                .add(f.fact().partnerRecordId()));
        Map<String, Version> current = new HashMap<>();
        // One query per table in the message (usually one): one probe of its "_current" unique index
        // per wanted record (LATERAL ... LIMIT 1 keeps the planner from scanning the agency's whole
        // history instead, which made each message slower than the one before).
        idsByTable.forEach((table, ids) -> jdbc.sql("""
                SELECT wanted.id AS wanted, r.id, r.record_hash FROM unnest(CAST(:ids AS text[])) AS wanted (id)
                JOIN LATERAL (SELECT id, record_hash FROM %s WHERE source_agency_id = :agency AND partner_record_id = wanted.id
                              AND partner_record_id IS NOT NULL AND superseded_by IS NULL LIMIT 1) r ON true"""
                .formatted(table)).param("ids", new SqlArrayValue("text", ids.toArray())).param("agency", agencyId)
                .query(rs -> {
                    current.put(table + '\u001f' + rs.getString("wanted"),
                            new Version(rs.getObject("id", UUID.class), rs.getString("record_hash")));
                }));
        return current;
    }
}
