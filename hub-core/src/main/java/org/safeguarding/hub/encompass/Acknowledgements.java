package org.safeguarding.hub.encompass;

import org.safeguarding.hub.action.Actor;
import org.safeguarding.hub.audit.AuditTrail;
import org.safeguarding.hub.database.SqlTime;
import org.safeguarding.hub.outbox.OutboxDeliveries;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Clock;
import java.util.UUID;

/**
 * A school's acknowledgement of an Operation Encompass notice, the same whether its DSL's system calls
 * {@code POST /api/v1/schools/notices/{id}/acknowledgement} or its education service sends an
 * {@code encompass-receipt} row in the education feed: recorded once (a repeat keeps the first time
 * and who), the notice counts as delivered if the school was to fetch it, and every acknowledgement is
 * audited. An escalation raised for the notice is completed by the next sweep. Runs in the caller's
 * transaction; the caller has checked the notice is the school's.
 */
public final class Acknowledgements {

    private final JdbcClient jdbc;
    private final OutboxDeliveries deliveries;
    private final AuditTrail audit;
    private final Clock clock;

    public Acknowledgements(JdbcClient jdbc, OutboxDeliveries deliveries, AuditTrail audit, Clock clock) {
        this.jdbc = jdbc;
        this.deliveries = deliveries;
        this.audit = audit;
        this.clock = clock;
    }

    void acknowledge(UUID id, Actor actor) {
        jdbc.sql("""
                UPDATE encompass_notice SET acknowledged_at = :now, acknowledged_by = :by
                WHERE id = :id AND acknowledged_at IS NULL""")
                .param("now", SqlTime.utc(clock.instant())).param("by", actor.name()).param("id", id).update();
        deliveries.fetchedBySchool("encompass:" + id);
        audit.append(SchoolNotices.entry(actor, "encompass-notice-acknowledged", id.toString()));
    }
}
