package org.safeguarding.hub.support;

import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Rows per table of the hub's data, for tests that check a request wrote nothing (a refusal, a dry
 * run). Left out: what the hub writes on its own meanwhile (sweeps, outbox, scorecard publishing,
 * locks), on purpose for every request (the audit trail), or as the state of its machinery rather
 * than data (a caller's rate-limit bucket, created on its first request; page sessions; Flyway).
 */
public final class RowCounts {

    private static final Set<String> NOT_COMPARED = Set.of("audit_event", "outbox", "escalation",
            "escalation_transition", "scorecard_publication", "int_lock", "flyway_schema_history", "rate_limit_bucket",
            "spring_session", "spring_session_attributes");

    private final JdbcClient jdbc;
    private final String countAll;

    private RowCounts(JdbcClient jdbc, String countAll) {
        this.jdbc = jdbc;
        this.countAll = countAll;
    }

    /** Counts over the tables of {@code jdbc}'s current schema as they are now (read once). */
    public static RowCounts of(JdbcClient jdbc) {
        String countAll = jdbc.sql("SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename")
                .query(String.class).list().stream().filter(t -> !NOT_COMPARED.contains(t.toLowerCase(Locale.ROOT)))
                .map(t -> "SELECT '" + t + "' AS t, count(*) AS n FROM " + t).collect(Collectors.joining(" UNION ALL "));
        return new RowCounts(jdbc, countAll);
    }

    /** Table name to row count, in table-name order. */
    public Map<String, Long> now() {
        Map<String, Long> counts = new LinkedHashMap<>();
        jdbc.sql(countAll).query((rs, n) -> counts.put(rs.getString(1), rs.getLong(2))).list();
        return counts;
    }
}
