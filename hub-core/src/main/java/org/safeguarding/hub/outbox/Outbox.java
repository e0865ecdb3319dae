package org.safeguarding.hub.outbox;

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
        OffsetDateTime now = OffsetDateTime.now(clock);
        return jdbc.sql("""
                        INSERT INTO outbox (id, partnership_id, destination_agency_id, message_type, idempotency_key,
                                            payload, status, next_attempt_at, created_at)
                        VALUES (?, ?, ?, ?, ?, ?::jsonb, 'pending', ?, ?)
                        ON CONFLICT (idempotency_key) DO NOTHING
                        """)
                .params(UUID.randomUUID(), message.partnershipId(), message.destinationAgencyId(),
                        message.messageType(), message.idempotencyKey(), message.payloadJson(), now, now)
                .update() == 1;
    }
}
