package org.safeguarding.hub.audit;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
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
            rs.getObject("at", OffsetDateTime.class).withOffsetSameInstant(ZoneOffset.UTC),
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
        return jdbc.sql("SELECT " + COLUMNS + " FROM audit_event WHERE seq > ? ORDER BY seq LIMIT ?")
                .params(seq, limit).query(RECORD).list();
    }

    public Page search(Search search) {
        StringBuilder where = new StringBuilder(" WHERE true");
        List<Object> params = new ArrayList<>();
        search.from().ifPresent(from -> {
            where.append(" AND at >= ?");
            params.add(OffsetDateTime.ofInstant(from, ZoneOffset.UTC));
        });
        search.to().ifPresent(to -> {
            where.append(" AND at < ?");
            params.add(OffsetDateTime.ofInstant(to, ZoneOffset.UTC));
        });
        search.actor().ifPresent(actor -> {
            where.append(" AND actor = ?");
            params.add(actor);
        });
        long total = jdbc.sql("SELECT count(*) FROM audit_event" + where).params(params).query(Long.class).single();
        List<Object> pageParams = new ArrayList<>(params);
        pageParams.add(search.count());
        pageParams.add(search.offset());
        List<AuditRecord> records = jdbc.sql("SELECT " + COLUMNS + " FROM audit_event" + where
                + " ORDER BY seq DESC LIMIT ? OFFSET ?").params(pageParams).query(RECORD).list();
        return new Page(total, records);
    }
}
