package org.safeguarding.hub.outbox;

import org.safeguarding.hub.database.SqlTime;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The publishing side of the outbox, in SQL: claim due messages (so that two nodes never send the
 * same one at once), record each outcome, and let operators and agencies see and replay them.
 */
public final class OutboxDeliveries {

    private static final String COLUMNS = """
            id, partnership_id, destination_agency_id, message_type, idempotency_key, payload::text AS payload, status,
            attempts, last_error, created_at, delivered_at, destination_school_urn""";

    private final JdbcClient jdbc;
    private final Clock clock;

    public OutboxDeliveries(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Claims up to {@code limit} due pending messages: rows other nodes hold are skipped
     * ({@code FOR UPDATE SKIP LOCKED}) and the claimed ones are pushed {@code lease} into the future,
     * so no other node picks them up while this one delivers outside the transaction. A node that
     * dies mid-delivery leaves them to be retried when the lease ends (at least once; receivers drop
     * repeats by the Idempotency-Key).
     */
    public List<PendingMessage> claimDue(int limit, Duration lease) {
        Instant now = clock.instant();
        return jdbc.sql("""
                UPDATE outbox SET next_attempt_at = :leaseEnd WHERE id IN (
                  SELECT id FROM outbox WHERE status = 'pending' AND next_attempt_at <= :now
                  ORDER BY next_attempt_at, created_at LIMIT :limit FOR UPDATE SKIP LOCKED)
                RETURNING""" + " " + COLUMNS)
                .param("leaseEnd", SqlTime.utc(now.plus(lease))).param("now", SqlTime.utc(now)).param("limit", limit).query(OutboxDeliveries::map).list();
    }

    public void delivered(UUID id) {
        jdbc.sql("UPDATE outbox SET status = 'delivered', attempts = attempts + 1, delivered_at = :now, last_error = NULL"
                + " WHERE id = :id AND status = 'pending'").param("now", now()).param("id", id).update();
    }

    /** Records a failed attempt: retried after the policy's backoff, or dead-lettered when none is left. */
    public void failed(PendingMessage message, String error, RetryPolicy policy) {
        int attempt = message.attempts() + 1;
        boolean dead = policy.exhaustedAfter(attempt);
        jdbc.sql("""
                UPDATE outbox SET attempts = :attempt, last_error = :error, status = :status, next_attempt_at = :next
                WHERE id = :id AND status = 'pending'""")
                .param("attempt", attempt).param("error", truncate(error)).param("status", dead ? "dead" : "pending")
                .param("next", SqlTime.utc(clock.instant().plus(dead ? Duration.ZERO : policy.delayAfter(attempt))))
                .param("id", message.id()).update();
    }

    /** The agency has no endpoint: the message waits for it to fetch it from the API. */
    public void forFetching(UUID id) {
        jdbc.sql("UPDATE outbox SET status = 'fetch' WHERE id = :id AND status = 'pending'").param("id", id).update();
    }

    /** Dead letters, oldest first. */
    public List<PendingMessage> dead(int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM outbox WHERE status = 'dead' ORDER BY created_at, id LIMIT :limit")
                .param("limit", limit).query(OutboxDeliveries::map).list();
    }

    /** Puts a dead letter back in the queue with a fresh set of attempts; false when it is not dead. */
    public boolean replay(UUID id) {
        return jdbc.sql("""
                UPDATE outbox SET status = 'pending', attempts = 0, next_attempt_at = :now, last_error = NULL
                WHERE id = :id AND status = 'dead'""").param("now", now()).param("id", id).update() == 1;
    }

    /**
     * Notices waiting for {@code agencyId} to fetch them, oldest first; a school's are the school's
     * own (Operation Encompass, fetched from the schools' API), never its agency's.
     */
    public List<PendingMessage> waitingFor(String agencyId, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM outbox WHERE destination_agency_id = :agency AND status = 'fetch'"
                        + " AND destination_school_urn IS NULL"
                        + " ORDER BY created_at, id LIMIT :limit")
                .param("agency", agencyId).param("limit", limit).query(OutboxDeliveries::map).list();
    }

    /** The agency confirms it has a notice; only its own, and only once. */
    public boolean acknowledge(String agencyId, UUID id) {
        return jdbc.sql("""
                UPDATE outbox SET status = 'delivered', delivered_at = :now, attempts = attempts + 1
                WHERE id = :id AND destination_agency_id = :agency AND status = 'fetch' AND destination_school_urn IS NULL""")
                .param("now", now()).param("id", id).param("agency", agencyId).update() == 1;
    }

    /**
     * A school without an endpoint has fetched the message with {@code idempotencyKey}: it counts as
     * delivered now, once (Operation Encompass; the school's own API checked it is the school's).
     */
    public void fetchedBySchool(String idempotencyKey) {
        jdbc.sql("""
                UPDATE outbox SET status = 'delivered', delivered_at = :now, attempts = attempts + 1
                WHERE idempotency_key = :key AND status = 'fetch' AND destination_school_urn IS NOT NULL""")
                .param("now", now()).param("key", idempotencyKey).update();
    }

    public Optional<PendingMessage> find(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM outbox WHERE id = :id").param("id", id).query(OutboxDeliveries::map).optional();
    }

    /** The clock's instant, ready to bind. */
    private OffsetDateTime now() {
        return SqlTime.utc(clock.instant());
    }

    private static String truncate(String error) {
        return error == null || error.length() <= 500 ? error : error.substring(0, 500);
    }

    private static PendingMessage map(ResultSet rs, int row) throws SQLException {
        return new PendingMessage(rs.getObject("id", UUID.class), rs.getString("partnership_id"),
                rs.getString("destination_agency_id"), rs.getString("message_type"), rs.getString("idempotency_key"),
                rs.getString("payload"), rs.getString("status"), rs.getInt("attempts"), rs.getString("last_error"),
                SqlTime.instant(rs, "created_at"), SqlTime.instant(rs, "delivered_at"), rs.getString("destination_school_urn"));
    }
}
