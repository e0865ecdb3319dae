package org.safeguarding.hub.intake;

import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * JDBC batch writes with explicit parameter binding: no per-statement metadata round trips for
 * nulls, instants as UTC timestamps, {@link Json} as text for a {@code ?::jsonb} placeholder.
 */
public final class Rows {

    private Rows() {
    }

    public static void batch(JdbcTemplate jdbc, String sql, List<Object[]> rows) {
        if (rows.isEmpty()) {
            return;
        }
        jdbc.batchUpdate(sql, new BatchPreparedStatementSetter() {
            @Override
            public void setValues(PreparedStatement ps, int i) throws SQLException {
                bind(ps, rows.get(i));
            }

            @Override
            public int getBatchSize() {
                return rows.size();
            }
        });
    }

    public static void bind(PreparedStatement ps, Object[] values) throws SQLException {
        for (int p = 0; p < values.length; p++) {
            Object v = values[p];
            if (v == null) {
                ps.setNull(p + 1, Types.NULL);
            } else if (v instanceof Instant instant) {
                ps.setObject(p + 1, OffsetDateTime.ofInstant(instant, ZoneOffset.UTC));
            } else if (v instanceof Json json) {
                ps.setString(p + 1, json.text());
            } else {
                ps.setObject(p + 1, v);
            }
        }
    }

    public static String placeholder(Object value) {
        return value instanceof Json ? "?::jsonb" : "?";
    }
}
