package org.safeguarding.hub.intake;

import org.safeguarding.hub.database.SqlTime;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Instant;
import java.util.Optional;

/**
 * How far a pulling source (the health pull's FHIR search) has read: the newest {@code lastUpdated} it
 * has stored, per source ({@code intake_checkpoint}), so a restarted or another node's pull resumes there.
 */
public final class IntakeCheckpoints {

    private final JdbcClient jdbc;

    public IntakeCheckpoints(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The newest {@code lastUpdated} stored for {@code source}; empty before its first stored page. */
    public Optional<Instant> last(String source) {
        return jdbc.sql("SELECT last_updated FROM intake_checkpoint WHERE source = :source").param("source", source)
                .query((rs, n) -> SqlTime.instant(rs, "last_updated")).optional();
    }

    /** Records that {@code source} (pulling for {@code agencyId}) has stored everything up to {@code newest}. */
    public void advance(String source, String agencyId, Instant newest, Instant now) {
        jdbc.sql("""
                INSERT INTO intake_checkpoint (source, agency_id, last_updated, updated_at)
                VALUES (:source, :agency, :lastUpdated, :now)
                ON CONFLICT (source) DO UPDATE SET last_updated = EXCLUDED.last_updated, updated_at = EXCLUDED.updated_at""")
                .param("source", source).param("agency", agencyId)
                .param("lastUpdated", SqlTime.utc(newest)).param("now", SqlTime.utc(now))
                .update();
    }
}
