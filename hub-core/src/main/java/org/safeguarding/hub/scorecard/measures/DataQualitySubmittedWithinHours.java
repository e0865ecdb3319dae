package org.safeguarding.hub.scorecard.measures;

import org.safeguarding.hub.scorecard.EventComputation;

/** Event records the hub received within N hours of the event they report, by submitting agency, on the day received (004:L2637 data "not routinely shared"). */
public final class DataQualitySubmittedWithinHours extends ParameterisedComputation implements EventComputation {

    public DataQualitySubmittedWithinHours() {
        super("data-quality-submitted-within-hours", "within-hours");
    }

    @Override
    protected String template() {
        return """
                SELECT scorecard_day(m.received_at) AS day, (m.received_at <= ev.at + make_interval(hours => %d))::int AS num,
                       1 AS den, m.agency_id AS agency, NULL::text AS team, NULL::text AS category
                FROM (SELECT source_message_id, received_at AS at FROM contact WHERE partnership_id = :partnership AND superseded_by IS NULL
                      UNION ALL SELECT source_message_id, reported_at FROM missing_episode WHERE partnership_id = :partnership AND superseded_by IS NULL
                      UNION ALL SELECT source_message_id, incident_at FROM police_notification WHERE partnership_id = :partnership AND superseded_by IS NULL
                      UNION ALL SELECT source_message_id, occurred_at FROM health_event WHERE partnership_id = :partnership AND superseded_by IS NULL) ev
                JOIN inbound_message m ON m.id = ev.source_message_id
                """;
    }
}
