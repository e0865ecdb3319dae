package org.safeguarding.hub.database;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;

import java.math.BigDecimal;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * One statement's named parameters, each with its SQL type declared, nulls as untyped nulls, so that
 * Spring binds every value directly (it would otherwise work out a type per null, for some drivers
 * with a parameter-metadata round trip) and every row of a batch has the same parameter types.
 * Intake binds thousands of rows with nulls per message. Instants go through {@link SqlTime#utc}; a
 * jsonb value is bound as text for a {@code CAST(:name AS jsonb)}.
 */
public final class SqlRow extends MapSqlParameterSource {

    public SqlRow text(String name, String value) {
        add(name, value, Types.VARCHAR);
        return this;
    }

    public SqlRow instant(String name, Instant value) {
        add(name, SqlTime.utc(value), Types.TIMESTAMP_WITH_TIMEZONE);
        return this;
    }

    public SqlRow date(String name, LocalDate value) {
        add(name, value, Types.DATE);
        return this;
    }

    public SqlRow uuid(String name, UUID value) {
        add(name, value, Types.OTHER);
        return this;
    }

    public SqlRow integer(String name, Integer value) {
        add(name, value, Types.INTEGER);
        return this;
    }

    public SqlRow bool(String name, Boolean value) {
        add(name, value, Types.BOOLEAN);
        return this;
    }

    public SqlRow decimal(String name, BigDecimal value) {
        add(name, value, Types.NUMERIC);
        return this;
    }

    public SqlRow bytes(String name, byte[] value) {
        add(name, value, Types.VARBINARY);
        return this;
    }

    /**
     * A null is bound as {@link Types#NULL}: PgJDBC sends it untyped, as it sends non-null dates and
     * times, so PostgreSQL takes the type from the column and no row of a batch changes the
     * statement's parameter types (the old {@code Rows.bind} did the same).
     */
    private void add(String name, Object value, int type) {
        addValue(name, value, value == null ? Types.NULL : type);
    }

    /** Runs {@code sql} once per row as one JDBC batch; nothing for no rows. */
    public static void batch(NamedParameterJdbcOperations jdbc, String sql, List<SqlRow> rows) {
        if (!rows.isEmpty()) {
            jdbc.batchUpdate(sql, rows.toArray(SqlParameterSource[]::new));
        }
    }
}
