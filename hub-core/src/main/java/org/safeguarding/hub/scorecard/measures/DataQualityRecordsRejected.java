package org.safeguarding.hub.scorecard.measures;

import org.safeguarding.hub.scorecard.EventComputation;
import org.safeguarding.hub.scorecard.MeasureDefinition;

/** Records rejected at intake from the partnership's agencies, by agency, on the day the message arrived (004:L2637). An agency serving several partnerships counts in each. */
public final class DataQualityRecordsRejected implements EventComputation {

    @Override
    public String name() {
        return "data-quality-records-rejected";
    }

    @Override
    public String sql(MeasureDefinition measure) {
        return """
                SELECT scorecard_day(m.received_at) AS day, 1 AS num, 0 AS den,
                       m.agency_id AS agency, NULL::text AS team, NULL::text AS category
                FROM record_outcome ro
                JOIN inbound_message m ON m.id = ro.message_id
                JOIN partnership_agency pa ON pa.agency_id = m.agency_id AND pa.partnership_id = :partnership
                WHERE ro.outcome = 'rejected'
                """;
    }
}
