package org.safeguarding.hub.scorecard;

import org.springframework.jdbc.core.simple.JdbcClient;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/** Commentary per measure per period: appended, never edited (each entry keeps its author and time). */
public class Commentary {

    private final JdbcClient jdbc;
    private final Clock clock;

    public Commentary(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public Comment add(String partnership, String measureId, Period period, String author, String agency, String text) {
        Instant now = clock.instant();
        jdbc.sql("""
                        INSERT INTO scorecard_commentary (id, partnership_id, measure_id, period, author, author_agency_id,
                                                          written_at, text)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(UUID.randomUUID(), partnership, measureId, period.label(), author, agency, Timestamp.from(now), text)
                .update();
        return new Comment(measureId, period.label(), author, agency, now, text);
    }

    /** Every comment for the period, by measure id, oldest first. */
    public Map<String, List<Comment>> forPeriod(String partnership, Period period) {
        return jdbc.sql("""
                        SELECT measure_id, period, author, author_agency_id, written_at, text FROM scorecard_commentary
                        WHERE partnership_id = ? AND period = ? ORDER BY written_at, id""")
                .params(partnership, period.label())
                .query((rs, n) -> new Comment(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getTimestamp(5).toInstant(), rs.getString(6)))
                .list().stream().collect(Collectors.groupingBy(Comment::measureId));
    }
}
