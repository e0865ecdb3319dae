package org.safeguarding.hub.outbox;

import org.safeguarding.hub.database.SqlTime;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * The transactional outbox: callers enqueue inside their own transaction, so a message exists if
 * and only if the change it reports was committed. A publishing route delivers pending messages.
 */
public class Outbox {

    private final JdbcClient jdbc;
    private final Clock clock;

    public Outbox(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Stores the message unless one with the same idempotency key exists; true when stored. */
    public boolean enqueue(OutboundMessage message) {
        OffsetDateTime now = SqlTime.utc(clock.instant());
        return jdbc.sql("""
                        INSERT INTO outbox (id, partnership_id, destination_agency_id, message_type, idempotency_key,
                                            payload, status, next_attempt_at, created_at, destination_school_urn)
                        VALUES (:id, :partnership, :destination, :type, :key, :payload::jsonb, 'pending', :now, :now,
                                :school)
                        ON CONFLICT (idempotency_key) DO NOTHING
                        """)
                .param("id", UUID.randomUUID()).param("partnership", message.partnershipId())
                .param("destination", message.destinationAgencyId()).param("type", message.messageType())
                .param("key", message.idempotencyKey()).param("payload", message.payloadJson()).param("now", now)
                .param("school", message.destinationSchoolUrn())
                .update() == 1;
    }

    /**
     * Takes back the message with {@code idempotencyKey} if it has certainly not reached its
     * destination: pending and not claimed by a publisher (a claimed one may be on the wire), waiting
     * to be fetched, or dead. True when taken back (the key is free again); false when it was, or may
     * have been, delivered. Runs in the caller's transaction: a publisher claiming the row meanwhile
     * waits for it, then finds nothing ({@link OutboxDeliveries#claimDue}).
     */
    public boolean takeBackUndelivered(String idempotencyKey) {
        return jdbc.sql("""
                        DELETE FROM outbox WHERE idempotency_key = :key
                          AND (status IN ('fetch', 'dead') OR (status = 'pending' AND next_attempt_at <= :now))""")
                .param("key", idempotencyKey).param("now", SqlTime.utc(clock.instant())).update() == 1;
    }
}
