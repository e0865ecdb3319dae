package org.safeguarding.hub.scorecard;

import org.safeguarding.hub.database.SqlTime;
import org.springframework.jdbc.core.simple.JdbcClient;

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
                        VALUES (:id, :partnership, :measure, :period, :author, :agency, :writtenAt, :text)""")
                .param("id", UUID.randomUUID()).param("partnership", partnership).param("measure", measureId)
                .param("period", period.label()).param("author", author).param("agency", agency)
                .param("writtenAt", SqlTime.utc(now)).param("text", text)
                .update();
        return new Comment(measureId, period.label(), author, agency, now, text);
    }

    /** Every comment for the period, by measure id, oldest first. */
    public Map<String, List<Comment>> forPeriod(String partnership, Period period) {
        return jdbc.sql("""
                        SELECT measure_id, period, author, author_agency_id, written_at, text FROM scorecard_commentary
                        WHERE partnership_id = :partnership AND period = :period ORDER BY written_at, id""")
                .param("partnership", partnership).param("period", period.label())
                .query((rs, n) -> new Comment(rs.getString("measure_id"), rs.getString("period"), rs.getString("author"),
                        rs.getString("author_agency_id"), SqlTime.instant(rs, "written_at"), rs.getString("text")))
                .list().stream().collect(Collectors.groupingBy(Comment::measureId));
    }
}
