package org.safeguarding.hub.audit;

import org.safeguarding.hub.database.SqlTime;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads the audit trail: for auditors (newest first, filtered) and for the chain verifier (in order). */
public class AuditTrailReader {

    /**
     * What an auditor asks for: entries in {@code [from, to)} by {@code actor}, any of them optional;
     * {@code count} entries after skipping {@code offset}, newest first.
     */
    public record Search(Optional<Instant> from, Optional<Instant> to, Optional<String> actor, int count, int offset) {
    }

    /** One page of a search and how many entries match in all. */
    public record Page(long total, List<AuditRecord> records) {
    }

    private static final String COLUMNS = """
            seq, at, actor, agency_id, role, purpose, action, entity_type, entity_id, client_address, prev_hash, hash""";

    private static final RowMapper<AuditRecord> RECORD = (rs, n) -> new AuditRecord(rs.getLong("seq"),
            SqlTime.instant(rs, "at"),
            new AuditEntry(rs.getString("actor"), rs.getString("agency_id"), rs.getString("role"),
                    rs.getString("purpose"), rs.getString("action"), rs.getString("entity_type"),
                    rs.getString("entity_id"), rs.getString("client_address")),
            rs.getString("prev_hash"), rs.getString("hash"));

    private final JdbcClient jdbc;

    public AuditTrailReader(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Up to {@code limit} entries with a sequence number above {@code seq}, in chain order. */
    public List<AuditRecord> after(long seq, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM audit_event WHERE seq > :seq ORDER BY seq LIMIT :limit")
                .param("seq", seq).param("limit", limit).query(RECORD).list();
    }

    public Page search(Search search) {
        StringBuilder where = new StringBuilder(" WHERE true");
        Map<String, Object> params = new HashMap<>();
        search.from().ifPresent(from -> {
            where.append(" AND at >= :from");
            params.put("from", SqlTime.utc(from));
        });
        search.to().ifPresent(to -> {
            where.append(" AND at < :to");
            params.put("to", SqlTime.utc(to));
        });
        search.actor().ifPresent(actor -> {
            where.append(" AND actor = :actor");
            params.put("actor", actor);
        });
        long total = jdbc.sql("SELECT count(*) FROM audit_event" + where).params(params).query(Long.class).single();
        List<AuditRecord> records = jdbc.sql("SELECT " + COLUMNS + " FROM audit_event" + where
                        + " ORDER BY seq DESC LIMIT :count OFFSET :offset")
                .params(params).param("count", search.count()).param("offset", search.offset()).query(RECORD).list();
        return new Page(total, records);
    }
}
