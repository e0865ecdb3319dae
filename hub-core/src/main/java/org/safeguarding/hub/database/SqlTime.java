package org.safeguarding.hub.database;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * The hub's one way to pass an instant to and from PostgreSQL: every {@code timestamptz} is bound as
 * an {@link OffsetDateTime} at UTC (PgJDBC maps that type to {@code timestamptz} exactly; it has no
 * mapping for {@link Instant}, and {@code java.sql.Timestamp} goes through the JVM's time zone).
 * See docs/decisions.md, "One JDBC API".
 */
public final class SqlTime {

    private SqlTime() {
    }

    /** The parameter to bind for {@code instant}; null for null. */
    public static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    /** The instant in {@code column} of the current row; null for SQL NULL. */
    public static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
